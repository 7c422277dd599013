//! Which renderer paints the window. glow (OpenGL) is built in by default: on software
//! rendering (no GPU driver, a VM, a remote desktop) it paints a frame for a fraction of
//! wgpu's CPU, and it starts sooner (README, Performance). A build with the `wgpu`
//! feature has both; `TALKDECK_RENDERER=wgpu` (or `glow`) picks one at start.

/// The renderer `TALKDECK_RENDERER` names, else glow where it is built in.
pub fn choose() -> eframe::Renderer {
    if let Ok(name) = std::env::var("TALKDECK_RENDERER") {
        match name.parse() {
            Ok(renderer) => return renderer,
            Err(e) => log::warn!("TALKDECK_RENDERER: {e}"),
        }
    }
    #[cfg(feature = "glow")]
    return eframe::Renderer::Glow;
    #[cfg(not(feature = "glow"))]
    eframe::Renderer::default()
}
