//! The light and dark themes: egui's, with the colours of secondary text, warnings and
//! errors darkened or lightened until every text reads at 4.5:1 or better against the
//! backgrounds it sits on (WCAG AA), and a focus ring that stands out.

use egui::{Color32, Theme, Visuals};

/// egui's visuals for `theme`, with readable secondary, warning and error text.
pub fn visuals(theme: Theme) -> Visuals {
    let mut visuals = theme.default_visuals();
    match theme {
        Theme::Dark => {
            visuals.weak_text_color = Some(Color32::from_gray(140));
            visuals.error_fg_color = Color32::from_rgb(255, 95, 95);
        }
        Theme::Light => {
            visuals.weak_text_color = Some(Color32::from_gray(105));
            visuals.warn_fg_color = Color32::from_rgb(170, 75, 0);
            visuals.error_fg_color = Color32::from_rgb(190, 0, 0);
        }
    }
    // A focused control is drawn as "active": give it a ring in the accent colour, so the
    // keyboard focus shows plainly on every button, menu and field (also while pressed).
    visuals.widgets.active.bg_stroke = focus_ring(&visuals);
    // A steady text cursor: a blinking one repaints the whole window twice a second
    // while a note has the focus, which costs real CPU where rendering is in software.
    visuals.text_cursor.blink = false;
    visuals
}

fn focus_ring(visuals: &Visuals) -> egui::Stroke {
    egui::Stroke::new(2.0, visuals.selection.stroke.color)
}

/// egui's menu style (frameless buttons), keeping the focus ring, which egui's takes away.
pub fn menu_style(style: &mut egui::Style) {
    egui::containers::menu::menu_style(style);
    style.visuals.widgets.active.bg_stroke = focus_ring(&style.visuals);
}

pub fn install(ctx: &egui::Context) {
    for theme in [Theme::Dark, Theme::Light] {
        ctx.set_visuals_of(theme, visuals(theme));
    }
    // Scrolling to a card (the outline following the deck, search hits) jumps there in
    // the frame that asks, instead of animating over the next dozen frames.
    ctx.all_styles_mut(|style| style.scroll_animation = egui::style::ScrollAnimation::none());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(c: Color32) -> f64 {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }

    /// A premultiplied colour as it shows over `under` (egui's faint fills are
    /// translucent or additive).
    fn over(c: Color32, under: Color32) -> Color32 {
        let keep = 255 - u16::from(c.a());
        let mix =
            |top: u8, bottom: u8| (u16::from(top) + u16::from(bottom) * keep / 255).min(255) as u8;
        Color32::from_rgb(
            mix(c.r(), under.r()),
            mix(c.g(), under.g()),
            mix(c.b(), under.b()),
        )
    }

    fn contrast(a: Color32, b: Color32) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn every_text_colour_reads_at_4_5_to_1_in_both_themes() {
        for theme in [Theme::Dark, Theme::Light] {
            let v = visuals(theme);
            let texts = [
                ("text", v.text_color()),
                ("weak text", v.weak_text_color()),
                ("strong text", v.strong_text_color()),
                ("warning", v.warn_fg_color),
                ("error", v.error_fg_color),
            ];
            let backgrounds = [
                ("panel", v.panel_fill),
                ("slide and text field", v.extreme_bg_color),
                ("dialog", v.window_fill),
                ("tile", v.faint_bg_color),
            ];
            for (text, fg) in texts {
                for (place, bg) in backgrounds {
                    let ratio = contrast(over(fg, over(bg, v.panel_fill)), over(bg, v.panel_fill));
                    assert!(ratio >= 4.5, "{theme:?}: {text} on {place} is {ratio:.2}:1");
                }
            }
        }
    }
}
