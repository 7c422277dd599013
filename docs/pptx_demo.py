"""Writes the Chinese PowerPoint deck of the README's screenshot (docs/pptx-zh.png) with
python-pptx (`pip install python-pptx`): a title slide, nested bullets with a title split
over two runs, a table, a chart picture, a hidden slide, speaker notes on each.

    python3 docs/pptx_demo.py OUT.pptx
"""
import struct
import sys
import zlib

from pptx import Presentation
from pptx.util import Inches


def png(width, height, pixel):
    """A PNG of pixel(x, y) -> (r, g, b)."""
    raw = b"".join(
        b"\x00" + bytes(c for x in range(width) for c in pixel(x, y)) for y in range(height)
    )

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def chart(path):
    """Four bars: the leak rate of 2009, 2014, 2019 and 2024."""
    width, height = 320, 180
    bars = [(30, 0.30), (110, 0.21), (190, 0.14), (270, 0.09)]

    def pixel(x, y):
        for left, value in bars:
            top = height - int(value / 0.32 * (height - 20))
            if left <= x < left + 40 and y >= top:
                return (52, 101, 164)
        return (250, 250, 250)

    with open(path, "wb") as f:
        f.write(png(width, height, pixel))


def main(out):
    chart(out + ".chart.png")
    prs = Presentation()
    prs.core_properties.title = "城市的水：十年治理的六点观察"
    prs.core_properties.author = "王芳"

    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = "城市的水：十年治理的六点观察"
    s.placeholders[1].text = "王芳 · 2024 城市水务论坛"
    s.notes_slide.notes_text_frame.text = "大家好，今天我想聊一聊城市的水。先讲漏水，再讲暴雨，最后讲钱。"

    s = prs.slides.add_slide(prs.slide_layouts[1])
    title = s.shapes.title.text_frame.paragraphs[0]
    for text in ("一、漏水", "不是小事"):
        title.add_run().text = text
    body = s.placeholders[1].text_frame
    body.text = "十年前，管网每年漏掉三成的水"
    for text, level in [
        ("老城区的铸铁管占了一半", 1),
        ("第一年找到两千多个漏点", 0),
        ("靠的是夜间流量和听漏仪", 1),
    ]:
        p = body.add_paragraph()
        p.text, p.level = text, level
    s.notes_slide.notes_text_frame.text = "这里停一下，强调“三成”这个数字。\n然后讲第一年的做法。"

    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "二、结果"
    data = [
        ["年份", "漏损率", "每年省下的水"],
        ["2014", "30%", "—"],
        ["2019", "14%", "4 千万吨"],
        ["2024", "9%", "6 千万吨"],
    ]
    table = s.shapes.add_table(4, 3, Inches(1), Inches(1.8), Inches(8), Inches(2)).table
    for i, row in enumerate(data):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    s.notes_slide.notes_text_frame.text = "表格不用念，只说 30% 到 9%。"

    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "三、漏损率逐年下降"
    s.shapes.add_picture(out + ".chart.png", Inches(1.5), Inches(1.8), width=Inches(7))
    s.notes_slide.notes_text_frame.text = "图上每根柱子是五年。"

    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "备用：预算明细"
    s.placeholders[1].text = "只在有人问起时展示"
    s._element.set("show", "0")  # Hide Slide
    s.notes_slide.notes_text_frame.text = "预算的问题交给财务同事回答。"

    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "谢谢"
    s.placeholders[1].text = "问答"
    prs.save(out)


if __name__ == "__main__":
    main(sys.argv[1])
