//! Threadline widget.
