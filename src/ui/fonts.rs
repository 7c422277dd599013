//! Chinese text on every machine: a bundled Simplified Chinese font, then the system's
//! fonts for whatever it lacks.

use egui::{
    FallbackRequest, FontData, FontFamily, FontInsert, FontPriority, FontProvider, InsertFontFamily,
};
use egui_system_font_provider::SystemFontProvider;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

/// The Simplified Chinese face of Noto Sans CJK (one copy in the binary: PDF pages whose
/// Chinese fonts are not embedded are drawn with it too).
use crate::talk::deck::pdf::CJK_FONT;

/// Installs the bundled font after egui's own (so Latin text keeps egui's look) in both
/// families, and the guarded system fallback after that. The system's fonts are not
/// looked at yet: call [`SystemFonts::start`] once the first frame is shown.
pub fn install(ctx: &egui::Context) -> SystemFonts {
    let families = [FontFamily::Proportional, FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(FontInsert {
        name: "Noto Sans SC".to_owned(),
        data: FontData::from_static(CJK_FONT),
        families,
    });
    quiet_font_loader_panics();
    let provider = Arc::new(GuardedSystemFonts::default());
    ctx.add_font_provider(provider.clone());
    SystemFonts(provider)
}

/// The system font fallback, to be started.
pub struct SystemFonts(Arc<GuardedSystemFonts>);

impl SystemFonts {
    /// Starts enumerating the system's fonts on their own thread. On two cores it would
    /// take CPU from the first frame, which the bundled font draws alone; a lookup made
    /// sooner starts it too (and waits for it, as it always does).
    pub fn start(&self) {
        self.0.inner();
    }
}

/// The name of the thread egui_system_font_provider enumerates the system fonts on.
const LOADER_THREAD: &str = "egui_system_font_provider";

std::thread_local! {
    /// Set while a font lookup runs under `catch_unwind` in [`GuardedSystemFonts`].
    static IN_LOOKUP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// On a machine with no fonts at all, fontique panics on the loader thread, and the
/// panic comes back in the lookup; both are expected and handled (the bundled fonts
/// stay), so they are logged as one warning instead of a panic message and backtrace.
/// Every other panic still goes to the hook that was there before.
fn quiet_font_loader_panics() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let on_loader = std::thread::current().name() == Some(LOADER_THREAD);
            if on_loader {
                // The panic's location says nothing to a user; the debug log keeps it.
                log::warn!(
                    "the system's font list could not be read (fontconfig found no fonts); \
                     using the bundled fonts only"
                );
                log::debug!("the font loader's panic: {info}");
            } else if !IN_LOOKUP.get() {
                previous(info);
            }
        }));
    });
}

/// The system font provider, minus its one way to kill the app: on a machine with no
/// fonts at all, fontique panics on its loader thread and the panic resurfaces in
/// `font_for`. The bundled font already covers the talk, so a failed lookup just
/// disables the fallback.
#[derive(Default)]
struct GuardedSystemFonts {
    inner: OnceLock<SystemFontProvider>,
    broken: AtomicBool,
}

impl GuardedSystemFonts {
    /// The provider, created (which starts its thread) on first use.
    fn inner(&self) -> &SystemFontProvider {
        self.inner.get_or_init(SystemFontProvider::new)
    }
}

impl FontProvider for GuardedSystemFonts {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        if self.broken.load(Ordering::Relaxed) {
            return None;
        }
        IN_LOOKUP.set(true);
        let found = catch_unwind(AssertUnwindSafe(|| self.inner().font_for(request)));
        IN_LOOKUP.set(false);
        match found {
            Ok(found) => found,
            Err(_) => {
                log::warn!("system fonts are unavailable; using the bundled fonts only");
                self.broken.store(true, Ordering::Relaxed);
                None
            }
        }
    }
}
