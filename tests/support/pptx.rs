//! PowerPoint files made for the tests: a `.pptx` built with the `zip` crate from small
//! XML parts written here, in the shapes PowerPoint writes (placeholders, runs split
//! mid-word, `a:pPr lvl`, `a:tbl`, `p:pic` with `r:embed`, notes pages with a slide-number
//! field). Shared by the unit tests, the integration tests and the benchmarks.
#![allow(dead_code)]

use std::io::Write;

const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// One slide: the shapes of its `p:spTree`, its notes page's shapes, whether hidden, and
/// the pictures its shapes embed (`rIdPic1`… in order).
#[derive(Default, Clone)]
pub struct Slide {
    pub shapes: String,
    pub notes: Option<String>,
    pub hidden: bool,
    pub pictures: Vec<(String, Vec<u8>)>,
}

/// A run of text.
pub fn run(text: &str) -> String {
    format!(
        r#"<a:r><a:rPr lang="en-US" dirty="0"/><a:t>{}</a:t></a:r>"#,
        esc(text)
    )
}

pub fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A paragraph of runs at a bullet level (`extra`: more of `a:pPr`, as `<a:buNone/>`).
pub fn para(level: u32, runs: &[&str], extra: &str) -> String {
    let runs: String = runs.iter().map(|r| run(r)).collect();
    format!(r#"<a:p><a:pPr lvl="{level}">{extra}</a:pPr>{runs}<a:endParaRPr lang="en-US"/></a:p>"#)
}

/// A placeholder shape of a type (`title`, `ctrTitle`, `body`, `subTitle`; `""`: a body
/// without a type) holding paragraphs.
pub fn placeholder(kind: &str, id: u32, paras: &str) -> String {
    let ph = if kind.is_empty() {
        format!(r#"<p:ph idx="{id}"/>"#)
    } else {
        format!(r#"<p:ph type="{kind}"/>"#)
    };
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="Placeholder {id}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{paras}</p:txBody></p:sp>"#
    )
}

pub fn title(runs: &[&str]) -> String {
    placeholder("title", 2, &para(0, runs, ""))
}

/// A text box (not a placeholder).
pub fn text_box(id: u32, paras: &str) -> String {
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="TextBox {id}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr wrap="square"/><a:lstStyle/>{paras}</p:txBody></p:sp>"#
    )
}

/// The slide number, as the layout's placeholder puts it on a slide or a notes page.
pub fn slide_number(n: usize) -> String {
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="9" name="Slide Number Placeholder 8"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldNum" sz="quarter" idx="5"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum"><a:rPr lang="en-US"/><a:t>{n}</a:t></a:fld><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>"#
    )
}

/// A table of rows of cells, in a graphic frame.
pub fn table(rows: &[&[&str]]) -> String {
    let mut trs = String::new();
    for row in rows {
        trs.push_str(r#"<a:tr h="370840">"#);
        for cell in *row {
            trs.push_str(&format!(
                r#"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p>{}</a:p></a:txBody><a:tcPr/></a:tc>"#,
                run(cell)
            ));
        }
        trs.push_str("</a:tr>");
    }
    format!(
        r#"<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="4" name="Table 3"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="8128000" cy="741680"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr firstRow="1" bandRow="1"/><a:tblGrid><a:gridCol w="4064000"/></a:tblGrid>{trs}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"#
    )
}

/// A picture shape embedding relationship `rel` (`rIdPic1` for the slide's first).
pub fn picture(rel: &str, descr: &str) -> String {
    format!(
        r#"<p:pic><p:nvPicPr><p:cNvPr id="5" name="Picture 4" descr="{}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="100" cy="100"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>"#,
        esc(descr)
    )
}

/// A notes page's shapes: the slide image, the notes body, the slide number.
pub fn notes(lines: &[&str], number: usize) -> String {
    let body: String = lines.iter().map(|l| para(0, &[l], "")).collect();
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>{}{}"#,
        placeholder("body", 3, if body.is_empty() { "<a:p/>" } else { &body }),
        slide_number(number)
    )
}

/// The smallest PNG (1×1).
pub fn tiny_png() -> Vec<u8> {
    vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8,
        0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00,
        0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}

/// The `.pptx` of these slides, with `docProps/core.xml` when a title or creator is given.
pub fn build(slides: &[Slide], core: Option<(&str, &str)>) -> Vec<u8> {
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |name: String, text: String| parts.push((name, text.into_bytes()));
    add(
        "[Content_Types].xml".into(),
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>"#.into(),
    );
    let core_rel = if core.is_some() {
        r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#
            .to_string()
    } else {
        String::new()
    };
    add(
        "_rels/.rels".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="ppt/presentation.xml"/>{core_rel}</Relationships>"#
        ),
    );
    if let Some((title, creator)) = core {
        add(
            "docProps/core.xml".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>{}</dc:title><dc:creator>{}</dc:creator></cp:coreProperties>"#,
                esc(title),
                esc(creator)
            ),
        );
    }
    // The slide list names slides by relationship ids in the deck's order, which need not
    // be the order of their part names: slide k is `slide{k}.xml` under `rId{100000 - k}`.
    let mut ids = String::new();
    let mut rels = format!(
        r#"<Relationship Id="rId1" Type="{REL}/slideMaster" Target="slideMasters/slideMaster1.xml"/>"#
    );
    for (k, slide) in slides.iter().enumerate() {
        let n = k + 1;
        let rid = format!("rId{}", 100_000 - n);
        ids.push_str(&format!(r#"<p:sldId id="{}" r:id="{rid}"/>"#, 255 + n));
        rels.push_str(&format!(
            r#"<Relationship Id="{rid}" Type="{REL}/slide" Target="slides/slide{n}.xml"/>"#
        ));
        let show = if slide.hidden { r#" show="0""# } else { "" };
        add(
            format!("ppt/slides/slide{n}.xml"),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sld {NS}{show}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>{}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"#,
                slide.shapes
            ),
        );
        let mut slide_rels = format!(
            r#"<Relationship Id="rId1" Type="{REL}/slideLayout" Target="../slideLayouts/slideLayout1.xml"/>"#
        );
        for (i, (name, _)) in slide.pictures.iter().enumerate() {
            slide_rels.push_str(&format!(
                r#"<Relationship Id="rIdPic{}" Type="{REL}/image" Target="../media/{name}"/>"#,
                i + 1
            ));
        }
        if let Some(notes) = &slide.notes {
            slide_rels.push_str(&format!(
                r#"<Relationship Id="rId2" Type="{REL}/notesSlide" Target="../notesSlides/notesSlide{n}.xml"/>"#
            ));
            add(
                format!("ppt/notesSlides/notesSlide{n}.xml"),
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:notes {NS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>{notes}</p:spTree></p:cSld></p:notes>"#
                ),
            );
        }
        add(
            format!("ppt/slides/_rels/slide{n}.xml.rels"),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{slide_rels}</Relationships>"#
            ),
        );
    }
    add(
        "ppt/presentation.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:presentation {NS} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:sldIdLst>{ids}</p:sldIdLst><p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>"#
        ),
    );
    add(
        "ppt/_rels/presentation.xml.rels".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
        ),
    );
    for slide in slides {
        for (name, bytes) in &slide.pictures {
            parts.push((format!("ppt/media/{name}"), bytes.clone()));
        }
    }
    zip_of(&parts)
}

/// A ZIP archive of these entries, deflated (pictures stored, as Office does).
pub fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        for (name, bytes) in parts {
            let method = if name.starts_with("ppt/media/") {
                zip::CompressionMethod::Stored
            } else {
                zip::CompressionMethod::Deflated
            };
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(method)
                .large_file(bytes.len() as u64 >= u32::MAX as u64);
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}

/// A deck with every shape the reader handles: a title slide, a word split over runs,
/// bullet levels, a table, a picture, notes with a slide-number field, notes that only
/// hold the number, a hidden slide, Chinese text.
pub fn sample() -> Vec<u8> {
    let slides = vec![
        Slide {
            shapes: placeholder(
                "ctrTitle",
                2,
                &para(0, &["Scal", "ing Laws in Practice"], ""),
            ) + &placeholder("subTitle", 3, &para(0, &["Ada Lovelace"], "")),
            notes: Some(notes(&["Welcome everyone, thank you for coming."], 1)),
            ..Default::default()
        },
        Slide {
            shapes: title(&["Why data ", "matters"])
                + &placeholder(
                    "",
                    3,
                    &(para(0, &["More data"], "")
                        + &para(1, &["better ", "models"], "")
                        + &para(2, &["even at 10", "0B"], "")
                        + &para(0, &["Cost grows"], "")),
                )
                + &slide_number(2),
            notes: Some(notes(&["Stress the second bullet.", "Then pause."], 2)),
            ..Default::default()
        },
        Slide {
            shapes: title(&["Results"])
                + &table(&[
                    &["Model", "Score"],
                    &["Small", "61"],
                    &["Large <b>", "87 | 90"],
                ]),
            notes: Some(notes(&[], 3)),
            ..Default::default()
        },
        Slide {
            shapes: title(&["A picture"]) + &picture("rIdPic1", "Loss curve"),
            pictures: vec![("image1.png".into(), tiny_png())],
            ..Default::default()
        },
        Slide {
            shapes: title(&["Backup slide"])
                + &placeholder("body", 3, &para(0, &["Only if asked"], "")),
            notes: Some(notes(&["Skip unless there is time."], 5)),
            hidden: true,
            ..Default::default()
        },
        Slide {
            shapes: title(&["数据", "规模"])
                + &placeholder(
                    "body",
                    3,
                    &(para(0, &["更多的", "数据"], "") + &para(1, &["更好的模型"], "")),
                )
                + &text_box(6, &para(0, &["*不是* 结论"], "")),
            notes: Some(notes(&["这里要放慢语速。", "然后举一个例子。"], 6)),
            ..Default::default()
        },
    ];
    build(&slides, Some(("Scaling Laws", "Ada Lovelace")))
}
