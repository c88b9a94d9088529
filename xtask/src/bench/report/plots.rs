//! The SVG plots of `docs/bench/`: horizontal bars, with min–max whiskers where the JSON has them.

use super::arr;
use crate::Result;
use plotters::prelude::*;
use serde_json::Value;
use std::path::Path;

/// A horizontal bar per (label, value, optional min, optional max).
fn bars(path: &Path, title: &str, unit: &str, rows: &[(String, f64, Option<f64>, Option<f64>)]) -> Result {
    let height = 80 + 26 * rows.len().max(1) as u32;
    let root = SVGBackend::new(path, (760, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let top = rows.iter().map(|r| r.3.unwrap_or(r.1)).fold(1.0f64, f64::max) * 1.1;
    let n = rows.len() as u32;
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 18))
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(230)
        // A segmented range includes its end, so n rows need 0..n-1.
        .build_cartesian_2d(0f64..top, (0u32..n.saturating_sub(1)).into_segmented())?;
    let labels: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_desc(unit)
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => labels.get(*i as usize).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .y_labels(rows.len().max(1))
        .draw()?;
    chart.draw_series(rows.iter().enumerate().map(|(i, r)| {
        let i = i as u32;
        Rectangle::new(
            [(0.0, SegmentValue::Exact(i)), (r.1, SegmentValue::Exact(i + 1))],
            RGBColor(43, 98, 201).mix(0.8).filled(),
        )
    }))?;
    chart.draw_series(rows.iter().enumerate().filter_map(|(i, r)| {
        let (lo, hi) = (r.2?, r.3?);
        Some(PathElement::new(
            vec![(lo, SegmentValue::CenterOf(i as u32)), (hi, SegmentValue::CenterOf(i as u32))],
            BLACK.stroke_width(2),
        ))
    }))?;
    root.present()?;
    Ok(())
}

fn kb(bytes: f64) -> String {
    format!("{:.1} KB", bytes / 1024.0)
}

/// `sizes.svg`: brotli bytes of all published files of each system.
pub(super) fn sizes(r: &Value, path: &Path) -> Result {
    let rows: Vec<_> = arr(&r["sizes"]["systems"])
        .iter()
        .map(|s| {
            let total: f64 = arr(&s["files"]).iter().filter_map(|f| f["brotli"].as_f64()).sum();
            (format!("{} ({})", s["system"].as_str().unwrap_or("?"), kb(total)), total / 1024.0, None, None)
        })
        .collect();
    bars(path, "Transfer size, brotli (all files of each system)", "KB", &rows)
}

/// `render.svg`: median ms (min–max) of every 1,000-comment cell.
pub(super) fn render(r: &Value, path: &Path) -> Result {
    let rows: Vec<_> = arr(&r["render"]["cells"])
        .iter()
        .filter(|c| c["size"].as_u64() == Some(1000) && c["median_ms"].is_number())
        .map(|c| {
            let label = format!(
                "{} on {}, {}",
                c["system"].as_str().unwrap_or("?"),
                c["backend"].as_str().unwrap_or("?"),
                c["mode"].as_str().unwrap_or("?")
            );
            (label, c["median_ms"].as_f64().unwrap_or(0.0), c["min_ms"].as_f64(), c["max_ms"].as_f64())
        })
        .collect();
    bars(path, "1,000-comment thread: median ms to rendered (bars: min–max)", "ms", &rows)
}

/// `load.svg`: req/s (min–max) of every cell at 16 connections.
pub(super) fn load(r: &Value, path: &Path) -> Result {
    let rows: Vec<_> = arr(&r["load"]["load"])
        .iter()
        .filter(|c| c["connections"].as_u64() == Some(16))
        .map(|c| {
            let label =
                format!("{} {}", c["server"].as_str().unwrap_or("?"), c["scenario"].as_str().unwrap_or("?"));
            (label, c["req_s"].as_f64().unwrap_or(0.0), c["req_s_min"].as_f64(), c["req_s_max"].as_f64())
        })
        .collect();
    bars(path, "Requests per second at 16 connections (bars: min–max)", "req/s", &rows)
}
