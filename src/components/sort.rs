//! The reader's choice of order for the top-level comments: oldest, newest or top, as a row
//! of toggle buttons (one press changes the order, where a `<select>` would take two).

use crate::i18n::{self, Catalogue};
use crate::k;
use threadline_protocol::Sort;
use yew::prelude::*;

/// The order buttons; `on_sort` gets the order pressed, which reloads the thread in it.
pub fn sort_menu(tr: &Catalogue, current: Sort, on_sort: &Callback<Sort>) -> Html {
    html! {
        <div class="tl-sort" role="group" aria-label={tr.t(k!("sort_label"))}>
            { for i18n::SORTS.iter().map(|(sort, label)| {
                let sort = *sort;
                let onclick = on_sort.reform(move |_: MouseEvent| sort);
                html! {
                    <button type="button" class="tl-link-button" data-sort={sort.as_str()}
                        aria-pressed={(sort == current).to_string()} {onclick}>{ tr.t(*label) }</button>
                }
            }) }
        </div>
    }
}
