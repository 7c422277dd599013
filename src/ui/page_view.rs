//! A PDF page on a card ([`crate::talk::PageRef`]), drawn off the UI thread at the size it
//! is shown, in the screen's pixels (sharp on a HiDPI screen), by the model's renderer
//! ([`crate::talk::deck::pdf::render`]).
//!
//! One worker thread keeps the last document open and renders what the frames ask for,
//! most wanted first: each frame replaces the wish list with the pages it shows (the
//! card's page, the overview's thumbnails in view) and the page after the card's
//! (rendered before it is asked for, as pdfpc does), so a page nobody waits for any more
//! is never drawn. Drawn pages are kept as textures up to [`CACHE_BYTES`], the
//! least recently shown dropped. While a page is being drawn its older picture (another
//! size) stands in, or a placeholder that says so; a page that cannot be drawn shows why.

use crate::readfile::{self, MAX_DECK_BYTES};
use crate::t;
use crate::talk::PageRef;
use crate::talk::deck::pdf;
use egui::{ColorImage, TextureHandle, TextureOptions};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

/// How much of drawn pages is kept as textures (RGBA bytes): about six full-screen pages,
/// or the overview's thumbnails. Pages shown in the last [`IN_USE`] are never dropped, so
/// a screen showing more than this (many thumbnails) is never drawn over and over.
pub const CACHE_BYTES: usize = 64 * 1024 * 1024;
const IN_USE: Duration = Duration::from_millis(500);

/// A page at a size in pixels.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    path: PathBuf,
    /// The deck's fingerprint (its bytes' hash): a file saved anew under the same name is
    /// another document, drawn afresh.
    version: String,
    index: usize,
    crop: Option<[u16; 4]>,
    width: u32,
    height: u32,
}

enum Slot {
    /// Asked for; not drawn yet.
    Pending,
    Ready {
        texture: TextureHandle,
        used: Instant,
    },
    Failed(String),
}

/// What the frames and the worker share.
#[derive(Default)]
struct Shared {
    /// The pages to draw, most wanted first.
    wanted: Mutex<Vec<Key>>,
    wake: Condvar,
    /// The page the worker is drawing (not to be asked for again meanwhile).
    drawing: Mutex<Option<Key>>,
    drawn: Mutex<Vec<(Key, Result<ColorImage, String>)>>,
}

/// The pages of the window (one for all its viewports: textures belong to the context).
pub struct Pages {
    shared: Arc<Shared>,
    slots: HashMap<Key, Slot>,
    /// What each viewport asked for in its last pass (a pass may show several pages: the
    /// presenter's view shows the current card and the next).
    wishes: HashMap<egui::ViewportId, (u64, Vec<Key>)>,
}

impl Pages {
    fn new(ctx: &egui::Context) -> Self {
        let shared = Arc::new(Shared::default());
        let weak = Arc::downgrade(&shared);
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("pdf-pages".into())
            .spawn(move || work(&weak, &ctx));
        if let Err(e) = spawned {
            log::error!("cannot start the PDF page thread: {e}");
        }
        Self {
            shared,
            slots: HashMap::new(),
            wishes: HashMap::new(),
        }
    }

    /// Takes the drawn pages in as textures, and asks for `wanted` (most wanted first).
    fn update(&mut self, ctx: &egui::Context, wanted: Vec<Key>) {
        let drawn = std::mem::take(&mut *lock(&self.shared.drawn));
        for (key, result) in drawn {
            let slot = match result {
                Ok(image) => Slot::Ready {
                    texture: ctx.load_texture(
                        format!("pdf-page-{}-{}", key.path.display(), key.index),
                        image,
                        TextureOptions::LINEAR,
                    ),
                    used: Instant::now(),
                },
                Err(reason) => Slot::Failed(reason),
            };
            self.slots.insert(key, slot);
        }
        let pass = ctx.cumulative_pass_nr();
        let wishes = self
            .wishes
            .entry(ctx.viewport_id())
            .or_insert_with(|| (pass, Vec::new()));
        if wishes.0 != pass {
            *wishes = (pass, Vec::new());
        }
        wishes.1.extend(wanted);
        // The main window's wishes first, then the audience's.
        let mut viewports: Vec<_> = self.wishes.keys().copied().collect();
        viewports.sort_by_key(|v| *v != egui::ViewportId::ROOT);
        let drawing = lock(&self.shared.drawing).clone();
        let mut asked: Vec<Key> = Vec::new();
        for viewport in viewports {
            for key in &self.wishes[&viewport].1 {
                let waiting = matches!(self.slots.get(key), None | Some(Slot::Pending));
                if waiting && drawing.as_ref() != Some(key) && !asked.contains(key) {
                    asked.push(key.clone());
                }
            }
        }
        let dropped = {
            let mut queue = lock(&self.shared.wanted);
            let old = std::mem::replace(&mut *queue, asked.clone());
            old.into_iter().filter(|k| !asked.contains(k))
        };
        // Asked for before, not any more, and not drawn: ask again when it is wanted.
        for key in dropped.collect::<Vec<_>>() {
            if matches!(self.slots.get(&key), Some(Slot::Pending)) && drawing.as_ref() != Some(&key)
            {
                self.slots.remove(&key);
            }
        }
        for key in asked {
            self.slots.entry(key).or_insert(Slot::Pending);
        }
        self.shared.wake.notify_one();
        self.evict();
    }

    /// Drops the least recently shown textures past [`CACHE_BYTES`], but none shown in
    /// the last [`IN_USE`].
    fn evict(&mut self) {
        let mut ready: Vec<(Instant, usize, Key)> = self
            .slots
            .iter()
            .filter_map(|(k, s)| match s {
                Slot::Ready { used, texture } => {
                    let [w, h] = texture.size();
                    Some((*used, w * h * 4, k.clone()))
                }
                _ => None,
            })
            .collect();
        let mut total: usize = ready.iter().map(|(_, bytes, _)| bytes).sum();
        ready.sort_by_key(|(used, _, _)| *used);
        for (used, bytes, key) in ready {
            if total <= CACHE_BYTES || used.elapsed() < IN_USE {
                break;
            }
            self.slots.remove(&key);
            total -= bytes;
        }
    }

    /// The picture of `key`, or the newest picture of its page at another size.
    fn texture(&mut self, key: &Key) -> Option<TextureHandle> {
        if let Some(Slot::Ready { texture, used }) = self.slots.get_mut(key) {
            *used = Instant::now();
            return Some(texture.clone());
        }
        self.slots
            .iter()
            .filter_map(|(k, s)| match s {
                Slot::Ready { texture, used }
                    if k.path == key.path && k.index == key.index && k.crop == key.crop =>
                {
                    Some((*used, texture.clone()))
                }
                _ => None,
            })
            .max_by_key(|(used, _)| *used)
            .map(|(_, texture)| texture)
    }

    /// Whether the page asked for is still being drawn.
    fn is_pending(&self, key: &Key) -> bool {
        matches!(self.slots.get(key), Some(Slot::Pending))
    }

    fn failure(&self, key: &Key) -> Option<&str> {
        match self.slots.get(key) {
            Some(Slot::Failed(reason)) => Some(reason),
            _ => None,
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The worker: draws the most wanted page, over and over, until the window is gone.
fn work(shared: &Weak<Shared>, ctx: &egui::Context) {
    let settings = pdf::settings();
    type Open = (PathBuf, String, Result<hayro::hayro_syntax::Pdf, String>);
    let mut open: Option<Open> = None;
    loop {
        let Some(shared) = shared.upgrade() else {
            return;
        };
        let key = {
            let mut wanted = lock(&shared.wanted);
            if wanted.is_empty() {
                let (guard, _) = shared
                    .wake
                    .wait_timeout(wanted, Duration::from_secs(1))
                    .unwrap_or_else(PoisonError::into_inner);
                wanted = guard;
            }
            if wanted.is_empty() {
                continue;
            }
            let key = wanted.remove(0);
            *lock(&shared.drawing) = Some(key.clone());
            key
        };
        if open
            .as_ref()
            .is_some_and(|(path, version, _)| *path != key.path || *version != key.version)
        {
            open = None;
        }
        let (_, _, document) = open.get_or_insert_with(|| {
            let document = open_document(&key.path);
            (key.path.clone(), key.version.clone(), document)
        });
        let result = match document {
            Ok(document) => pdf::render::render_page(
                document, key.index, key.crop, key.width, key.height, &settings,
            )
            .map(|page| {
                let size = [page.width as usize, page.height as usize];
                ColorImage::from_rgba_unmultiplied(size, &page.rgba)
            })
            .map_err(|e| e.to_string()),
            Err(reason) => Err(t!("page-error-unreadable", reason = reason.clone())),
        };
        lock(&shared.drawn).push((key, result));
        *lock(&shared.drawing) = None;
        ctx.request_repaint();
    }
}

fn open_document(path: &Path) -> Result<hayro::hayro_syntax::Pdf, String> {
    let bytes = readfile::read(path, MAX_DECK_BYTES).map_err(|e| e.to_string())?;
    pdf::open(path, Arc::new(bytes)).map_err(|e| e.to_string())
}

fn pages(ctx: &egui::Context) -> Arc<Mutex<Pages>> {
    let id = egui::Id::unique("talkdeck-pdf-pages");
    if let Some(pages) = ctx.data(|d| d.get_temp::<Arc<Mutex<Pages>>>(id)) {
        return pages;
    }
    let pages = Arc::new(Mutex::new(Pages::new(ctx)));
    ctx.data_mut(|d| d.insert_temp(id, Arc::clone(&pages)));
    pages
}

/// Shows `page` of the deck whose fingerprint is `version` as large as fits in `size`
/// (points), centred across, and asks for `next` at the same size; with `fill`, takes all
/// of `size` and centres the page in it both ways (letterboxed). Returns whether the page
/// is still being drawn.
pub fn show(
    ui: &mut egui::Ui,
    version: &str,
    page: &PageRef,
    next: Option<&PageRef>,
    size: egui::Vec2,
    fill: bool,
) -> bool {
    let ppp = ui.ctx().pixels_per_point();
    let pixels = |v: f32| ((v * ppp).round().max(1.0)) as u32;
    let key_of = |page: &PageRef| Key {
        path: page.path.clone(),
        version: version.to_owned(),
        crop: page.crop,
        index: page.index,
        width: pixels(size.x),
        height: pixels(size.y),
    };
    let key = key_of(page);
    let mut wanted = vec![key.clone()];
    wanted.extend(next.map(key_of));
    let pages = pages(ui.ctx());
    let mut pages = lock(&pages);
    pages.update(ui.ctx(), wanted);
    let texture = pages.texture(&key);
    let pending = pages.is_pending(&key);
    let failure = pages.failure(&key).map(str::to_owned);
    drop(pages);
    // The page's shape: its picture's, else a slide's (16:9) until it is drawn.
    let aspect = texture.as_ref().map_or(16.0 / 9.0, |t| {
        let [w, h] = t.size();
        w as f32 / h.max(1) as f32
    });
    let shown = fit(aspect, size);
    let outer = if fill {
        size
    } else {
        egui::vec2(size.x, shown.y)
    };
    let (area, _) = ui.allocate_exact_size(outer, egui::Sense::hover());
    let rect = egui::Rect::from_center_size(area.center(), shown);
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect));
    match (&texture, &failure) {
        (Some(texture), _) => {
            child.add(egui::Image::new(texture).fit_to_exact_size(shown));
        }
        (None, Some(reason)) => placeholder(&mut child, shown, &format!("⚠ {reason}"), false),
        (None, None) => placeholder(&mut child, shown, &t!("page-rendering"), true),
    }
    pending
}

/// The largest `aspect` (width / height) rectangle inside `size`.
fn fit(aspect: f32, size: egui::Vec2) -> egui::Vec2 {
    let width = size.x.min(size.y * aspect).max(1.0);
    egui::vec2(width, width / aspect)
}

fn placeholder(ui: &mut egui::Ui, size: egui::Vec2, text: &str, busy: bool) {
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let visuals = ui.visuals();
    ui.painter().rect_filled(rect, 4.0, visuals.faint_bg_color);
    ui.painter().rect_stroke(
        rect,
        4.0,
        visuals.widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Inside,
    );
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect.shrink(16.0)).layout(
        egui::Layout::centered_and_justified(egui::Direction::TopDown),
    ));
    child.horizontal_centered(|ui| {
        if busy {
            ui.spinner();
        }
        ui.label(text);
    });
}
