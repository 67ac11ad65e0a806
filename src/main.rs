fn main() {
    #[cfg(target_arch = "wasm32")]
    linli::ui::start();
}
