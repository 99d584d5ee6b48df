//! Mounts the One Secret app and replaces a dead page with a visible error.

use one_secret::components::app::App;

fn main() {
    install_panic_banner();
    yew::Renderer::<App>::new().render();
}

/// Shows a banner with a reload button when the app panics, because a panic
/// in WebAssembly stops every handler on the page.
///
/// NOTE: no test triggers this path, because nothing in the app panics on
/// purpose; it was only checked to compile.
fn install_panic_banner() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("One Secret stopped: {info}").into());
        show_banner();
    }));
}

fn show_banner() -> Option<()> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let window = web_sys::window()?;
    let document = window.document()?;
    let body = document.body()?;

    let banner = document.create_element("div").ok()?;
    banner.set_class_name("panic-banner");
    banner.set_attribute("role", "alert").ok()?;
    banner.set_attribute("data-testid", "panic-banner").ok()?;
    banner.set_text_content(Some(
        "Something went wrong and the page stopped responding. Your input was not sent anywhere. ",
    ));

    let button = document.create_element("button").ok()?;
    button.set_text_content(Some("Reload the page"));
    let reload = Closure::<dyn Fn()>::new(move || {
        let _ = window.location().reload();
    });
    button
        .add_event_listener_with_callback("click", reload.as_ref().unchecked_ref())
        .ok()?;
    reload.forget();

    banner.append_child(&button).ok()?;
    body.prepend_with_node_1(&banner).ok()?;
    Some(())
}
