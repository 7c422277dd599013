//! The calls that exist only in talkdeck's patched crates (`patches/`), in one place:
//! dropping a fork means changing this file and nothing else in the app.
//!
//! The other patches change behaviour behind stock APIs and need no call: egui-winit and
//! winit keep the input method's Chinese mode across clicks on X11, winit tells eframe
//! which redraws the X server asked for, egui-winit names the window's X11 instance.
//! `patches/README.md` says what each fork buys, in numbers.

/// Frames that show nothing new are not painted again (patches/eframe: without a GPU a
/// card change cost three full paints, a pointer move over nothing three as well). Only
/// on Linux: where the system may ask for a paint in the same message as eframe
/// (Windows, macOS), every frame is painted, as eframe does.
pub fn skip_unchanged_frames(options: &mut eframe::NativeOptions) {
    options.skip_unchanged_frames = cfg!(target_os = "linux");
}

/// Sizes jieba's trie table to the words it holds (patches/jieba-rs: 8.9 MB instead of
/// 16 MB for the default dictionary).
pub fn shrink_jieba(jieba: &mut jieba_rs::Jieba) {
    jieba.shrink_to_fit();
}
