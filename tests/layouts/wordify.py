#!/usr/bin/env python3
"""Authoring tool for tests/layouts; the tests do not run it.

Turn a clean page written by mkhtml.py (html/NAME.html) into the page a
government site really serves (html/NAME.word.html): the report as Word
exports it or an editor pastes it, inside the site's crawled page. The
values stay where they were: every number keeps its row and column and
every blank cell stays blank; only the markup around them changes. Also
write NAME.word.yaml, the expected values of NAME.md.yaml naming that page.

Transformations (deterministic: a random.Random seeded by the page name):
  runs      a number's digits in separate <span>s (Word's runs), ASCII
            and Chinese text in separate runs, <o:p></o:p> ending each
            paragraph, attribute lists broken over lines inside tags
  nbsp      &nbsp; padding spans before and after some numbers
  blanks    a blank cell holds only <o:p> </o:p>, <o:p></o:p>, &nbsp; or
            <o:p>&nbsp;</o:p>
  vertical  table 三's group labels (and 自然人, 总计) one character a <p>
  subcells  header cells spanning rows written as the label and empty
            sub-cells below it (table 三's corner cell, table 四's 行政复议
            columns)
  wide      one value column drawn two grid columns wide: its cells have
            colspan=2 (table 三's 自然人 or 总计 column, the 2021 template's
            two-column tables of 主动公开)
  split     table 三 cut by a page break into two <table>s before
            5．属于三类内部事务信息, its group labels repeated (rowspan) at
            the top of the second part
  comments  conditional comments: Word's document properties, a VML
            diagonal line in table 三's corner cell, list numbering
            (<!--[if !supportLists]-->), and on some pages Word's
            <![if !supportMisalignedColumns]> row of empty spacer cells
  hidden    a display:none template block holding another year's title and
            other numbers, and Word hidden text (display:none;mso-hide:all)
            holding an old value in two cells of table 三
  scripts   <script> and <style> blocks full of digits
  crawler   the site's page around the report: its own <meta> and <title>,
            a metadata table (索引号 11320800014069…, 发布机构, 发布日期
            2024-01-15), the Word document's second <meta charset> and
            <title> (last year's), breadcrumbs, a footer with numbers
  gbk       on some pages: GBK bytes labelled gb2312, with GBK-only
            characters (镕, 喆, 犇) in the narrative

After writing a page the script reads it back the way a browser shows it
(html.parser; scripts, styles, comments and display:none left out) and
checks every table cell against the clean page; it exits non-zero if any
value moved, changed or became visible where it must not.

Usage: python3 tests/layouts/wordify.py [NAME...]   (default: all of PAGES)
"""
import html
import os
import random
import re
import sys
import zlib
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))

# Per page: GBK bytes labelled gb2312 (else UTF-8), the <meta charset> the
# Word document inside the page carries, table 三 split by a page break,
# the column of table 三 drawn two grid columns wide, Word's spacer row.
PAGES = {
    "qinghe-2023-browser": dict(gbk=True, inner="gb2312", split=True, wide="总计", spacer=False),
    "blank-2023": dict(gbk=False, inner="gb2312", split=False, wide="自然人", spacer=True),
    "blank-2019": dict(gbk=True, inner="gb2312", split=True, wide="总计", spacer=True),
    "scattered-2023": dict(gbk=False, inner="utf-8", split=True, wide="自然人", spacer=False),
    "songlan-2020-pipe": dict(gbk=False, inner="utf-8", split=False, wide="总计", spacer=False),
    "luwan-2022-2023-two": dict(gbk=True, inner="gb2312", split=True, wide="自然人", spacer=False),
}

NUM = re.compile(r"^[+-]?\d+(?:\.\d+)?(?:万元|元)?$")
TITLE = re.compile(r"^(.+?)(\d{4})年政府信息公开工作年度报告$")
SPLIT_BEFORE = "5．属于三类内部事务信息"
GBK_ONLY = "镕喆犇"

FONT_EN = "font-size:10.5pt;font-family:\"Times New Roman\";mso-fareast-font-family:宋体"
FONT_CN = "font-size:10.5pt;font-family:宋体;mso-ascii-font-family:\"Times New Roman\";mso-hansi-font-family:\"Times New Roman\""
BODY_EN = "font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:\"Times New Roman\""
BODY_CN = "font-size:16.0pt;font-family:仿宋_GB2312;mso-bidi-font-family:仿宋_GB2312"


# ---- the clean page ---------------------------------------------------------


class Cell:
    def __init__(self, text, cs=1, rs=1):
        self.text, self.cs, self.rs = text, cs, rs
        self.vertical = False  # one character a paragraph
        self.hidden_old = None  # Word hidden text before the value
        self.corner = False  # table 三's top left cell

    def clone(self):
        c = Cell(self.text, self.cs, self.rs)
        c.vertical, c.corner = self.vertical, self.corner
        return c


class CleanPage(HTMLParser):
    """mkhtml.py's page: h1/h2/p blocks and tables of (text, colspan, rowspan)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.buf, self.rows = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("h1", "h2", "p", "td"):
            self.buf = []
            self.span = (int(a.get("colspan") or 1), int(a.get("rowspan") or 1))
        elif tag == "table":
            self.rows = []
        elif tag == "tr":
            self.rows.append([])

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "p"):
            self.blocks.append((tag, "".join(self.buf)))
            self.buf = None
        elif tag == "td":
            self.rows[-1].append(Cell("".join(self.buf), *self.span))
            self.buf = None
        elif tag == "table":
            self.blocks.append(("table", self.rows))

    def handle_data(self, d):
        if self.buf is not None:
            self.buf.append(d)


def kind_of(rows):
    first = rows[0][0].text
    if first.startswith("（本列数据"):
        return "applications"
    if first == "行政复议":
        return "appeals"
    return "active"


# ---- grid operations (rowspan/colspan kept consistent) ------------------------


def positions(rows):
    """(row, column, cell) of every cell, by the HTML table algorithm."""
    occ, out = set(), []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in occ:
                c += 1
            out.append((r, c, cell))
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    occ.add((r + dr, c + dc))
            c += cell.cs
    return out


def insert_at(rows, pos, inserts):
    """inserts: (row, column, cell), placed among the row's cells by column."""
    col = {id(cell): c for _, c, cell in pos}
    for r, c, cell in sorted(inserts, key=lambda x: (x[0], -x[1])):
        i = sum(1 for x in rows[r] if col[id(x)] < c)
        rows[r].insert(i, cell)
        col[id(cell)] = c


def unrowspan(rows, pred):
    """Header cells spanning rows become the label and empty sub-cells below."""
    pos = positions(rows)
    ins = []
    for r, c, cell in pos:
        if cell.rs > 1 and pred(cell):
            for k in range(1, cell.rs):
                ins.append((r + k, c, Cell("", cell.cs)))
            cell.rs = 1
    insert_at(rows, pos, ins)


def widen(rows, column):
    """Draw a grid column twice: every cell covering it gets one more colspan."""
    for _, c, cell in positions(rows):
        if c <= column < c + cell.cs:
            cell.cs += 1


def split(rows, at):
    """Two tables, the cells spanning the cut repeated at the top of the second."""
    pos = positions(rows)
    first, second = rows[:at], [list(r) for r in rows[at:]]
    ins = []
    for r, c, cell in pos:
        if r < at < r + cell.rs:
            rep = cell.clone()
            rep.rs = r + cell.rs - at
            cell.rs = at - r
            ins.append((0, c, rep))
    insert_at(second, [(r - at, c, cell) for r, c, cell in pos if r >= at], ins)
    return first, second


# ---- writing Word's markup ------------------------------------------------------


def esc(t):
    return html.escape(t, quote=False)


class Word:
    def __init__(self, name, opts):
        self.name, self.opts = name, opts
        self.rng = random.Random(zlib.crc32(name.encode()))
        self.nblank = 0
        self.irow = 0

    def tag(self, name, *attrs):
        """A start tag; Word breaks long tags between attributes."""
        out = "<" + name
        for a in attrs:
            out += ("\n" if self.rng.random() < 0.12 else " ") + a
        return out + ">"

    def span(self, inner, en, style=None):
        st = style or (FONT_EN if en else FONT_CN)
        return self.tag("span", *((["lang=EN-US"] if en else []) + ["style='%s'" % st])) + inner + "</span>"

    def pieces(self, s, p):
        """An ASCII run cut at one or two random places (Word's rsid runs)."""
        if len(s) < 2 or self.rng.random() >= p:
            return [s]
        k = self.rng.randint(1, min(2, len(s) - 1))
        cuts = sorted(self.rng.sample(range(1, len(s)), k))
        return [s[i:j] for i, j in zip([0] + cuts, cuts + [len(s)])]

    def runs(self, text, p_split, body=False, bold=False):
        out = []
        for seg in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
            en = seg[0] < "\x80"
            parts = self.pieces(seg, p_split) if en else self.pieces(seg, 0.25 * (len(seg) > 6))
            for piece in parts:
                style = (BODY_EN if en else BODY_CN) if body else None
                s = self.span(esc(piece), en, style)
                out.append("<b>" + s + "</b>" if bold else s)
        return out

    def para(self, runs, center=True, extra=""):
        if runs and runs[-1].endswith("</span></b>"):
            runs[-1] = runs[-1][: -len("</span></b>")] + "<o:p></o:p></span></b>"
        elif runs and runs[-1].endswith("</span>"):
            runs[-1] = runs[-1][: -len("</span>")] + "<o:p></o:p></span>"
        attrs = ["class=MsoNormal"]
        if center:
            attrs += ["align=center", "style='text-align:center%s'" % extra]
        elif extra:
            attrs += ["style='%s'" % extra.lstrip(";")]
        return self.tag("p", *attrs) + "".join(runs) + "</p>"

    def blank(self):
        """What a blank cell holds: each of Word's ways in turn."""
        self.nblank += 1
        v = self.nblank % 4
        if v == 0:
            return self.tag("p", "class=MsoNormal", "align=center", "style='text-align:center'") + self.span("<o:p> </o:p>", True) + "</p>"
        if v == 1:
            return "<o:p></o:p>"
        if v == 2:
            return "&nbsp;"
        return self.tag("p", "class=MsoNormal", "align=center", "style='text-align:center'") + self.span("<o:p>&nbsp;</o:p>", True) + "</p>"

    def value(self, cell):
        rs = []
        if self.rng.random() < 0.3:
            rs.append(self.span("&nbsp;" * self.rng.randint(1, 3), True))
        if cell.hidden_old:
            rs.append(self.tag("span", "lang=EN-US", "style='display:none;mso-hide:all'") + esc(cell.hidden_old) + "</span>")
        rs += self.runs(cell.text, 0.8)
        if self.rng.random() < 0.3:
            rs.append(self.span("&nbsp;" * self.rng.randint(1, 3), True))
        return self.para(rs)

    def label(self, cell, header):
        pre = ""
        if cell.corner:  # 斜线表头: Word draws the diagonal as a VML line
            pre = ("<!--[if gte vml 1]><v:line id=\"_x0000_s1026\" style='position:absolute;"
                   "left:0;text-align:left;z-index:251659264' from=\"-5.4pt,0\" to=\"158.6pt,63.2pt\" "
                   "strokeweight=\".5pt\"/><![endif]-->")
        if cell.vertical:
            return pre + "".join(self.para(self.runs(ch, 0, bold=header)) for ch in cell.text)
        return pre + self.para(self.runs(cell.text, 0, bold=header))

    def td(self, cell, header):
        w = 42 * cell.cs
        attrs = ["width=%d" % w]
        if cell.cs > 1:
            attrs.append("colspan=%d" % cell.cs)
        if cell.rs > 1:
            attrs.append("rowspan=%d" % cell.rs)
        attrs.append("style='width:%.1fpt;border:solid windowtext 1.0pt;border-top:none;"
                     "mso-border-top-alt:solid windowtext .5pt;mso-border-alt:solid windowtext .5pt;"
                     "padding:0cm 5.4pt 0cm 5.4pt;height:21.3pt'" % (w * 0.75))
        if cell.text == "":
            inner = self.blank()
        elif NUM.match(cell.text):
            inner = self.value(cell)
        else:
            inner = self.label(cell, header)
        return self.tag("td", *attrs) + "\n  " + inner + "\n  </td>"

    def table(self, rows, nheader, spacer=False):
        width = max(c + cell.cs for _, c, cell in positions(rows))
        out = [self.tag("table", "class=MsoNormalTable", "border=1", "cellspacing=0", "cellpadding=0",
                        "width=%d" % (42 * width),
                        "style='width:%.1fpt;border-collapse:collapse;border:none;mso-border-alt:solid "
                        "windowtext .5pt;mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'" % (31.5 * width))]
        for i, row in enumerate(rows):
            out.append(self.tag("tr", "style='mso-yfti-irow:%d;height:21.3pt'" % self.irow))
            self.irow += 1
            for cell in row:
                out.append(" " + self.td(cell, i < nheader))
            out.append("</tr>")
        if spacer:  # Word's row fixing misaligned columns, shown only outside IE
            out.append("<![if !supportMisalignedColumns]>")
            out.append("<tr height=0>" + "".join("<td width=42 style='border:none'></td>" for _ in range(width)) + "</tr>")
            out.append("<![endif]>")
        out.append("</table>")
        return "\n".join(out)

    def page_break(self):
        return ("\n" + self.span("<br clear=all style='mso-special-character:line-break;page-break-before:always'>\n", True)
                + "\n" + self.tag("p", "class=MsoNormal") + self.span("<o:p>&nbsp;</o:p>", True) + "</p>\n")

    def text(self, t, indent=True):
        pad = self.span("&nbsp;" * 4, True, BODY_EN) if indent and self.rng.random() < 0.3 else ""
        ps = self.runs(t, 0.4, body=True)
        return self.para(([pad] if pad else []) + ps, center=False,
                         extra=";text-indent:32.0pt;line-height:28.0pt;mso-line-height-rule:exactly" if indent else "")

    def heading(self, t):
        return self.para(self.runs(t, 0.3, bold=True), center=False,
                         extra=";text-indent:32.0pt;line-height:28.0pt;mso-line-height-rule:exactly")

    def title(self, t):
        rs = [r.replace("font-size:10.5pt", "font-size:22.0pt") for r in self.runs(t, 0.3)]
        return self.para(rs, extra=";line-height:36.0pt")

    def list_item(self, n, t):
        marker = ("<!--[if !supportLists]-->" + self.span("%d.<span style='font:7.0pt \"Times New Roman\"'>"
                  "&nbsp;&nbsp;&nbsp;&nbsp; </span>" % n, True, BODY_EN) + "<!--[endif]-->")
        return self.tag("p", "class=MsoListParagraph", "style='margin-left:56.0pt;text-indent:-24.0pt;mso-list:l0 level1 lfo1'") \
            + marker + "".join(self.runs(t, 0, body=True)) + "</p>"


# ---- the page ---------------------------------------------------------------------


def transform_table(w, rows, opts):
    """The table's rows, changed as Word writes them: a list of parts and header rows."""
    kind = kind_of(rows)
    if kind == "applications":
        for r, c, cell in positions(rows):
            if r == 0 and c == 0:
                cell.corner = True
            elif cell.rs >= 3 or (r < 3 and cell.text in ("自然人", "总计")):
                cell.vertical = True
        col = next(c for r, c, cell in positions(rows) if cell.text == opts["wide"])
        unrowspan(rows, lambda cell: cell.corner)
        widen(rows, col)
        values = [cell for row in rows[3:] for cell in row if NUM.match(cell.text) and "." not in cell.text]
        for cell in w.rng.sample(values, 2):
            cell.hidden_old = str(int(cell.text) + w.rng.randint(1, 9))
        if opts["split"]:
            at = next(i for i, row in enumerate(rows) if any(c.text == SPLIT_BEFORE for c in row))
            return list(split(rows, at)), 3
        return [rows], 3
    if kind == "appeals":
        unrowspan(rows, lambda cell: True)
        return [rows], 3
    width = max(c + cell.cs for _, c, cell in positions(rows))
    if width == 2:
        widen(rows, 1)
    return [rows], 2


def applied(opts):
    """The transformations of a page, for its YAML."""
    t = ["runs: a number's digits in separate <span>s, <o:p></o:p> ending paragraphs, tags broken between attributes",
         "nbsp: &nbsp; padding spans around some numbers",
         "blanks: a blank cell holds only <o:p> </o:p>, <o:p></o:p>, &nbsp; or <o:p>&nbsp;</o:p>",
         "vertical: table 三's group labels, 自然人 and 总计 one character a <p>",
         "subcells: table 三's corner cell and table 四's 行政复议 headers over empty sub-cells",
         "wide: table 三's %s column colspan=2 in every row%s" % (
             opts["wide"], ", the two-column tables of 主动公开 with colspan=2 values" if opts.get("template") == "2021" else ""),
         ]
    if opts["split"]:
        t.append("split: table 三 cut by a page break before %s, group labels repeated in the second <table>" % SPLIT_BEFORE)
    t.append("comments: Word's <!--[if gte mso 9]> properties, a VML diagonal in table 三's corner, "
             "<!--[if !supportLists]--> numbering" + (", <![if !supportMisalignedColumns]> spacer row" if opts["spacer"] else ""))
    t.append("hidden: a DISPLAY: none template block (last year's title, other numbers); "
             "display:none;mso-hide:all old values in two cells of table 三")
    t.append("scripts: <script>/<style> blocks holding digits, in the head and the body")
    t.append("crawler: the site's <meta>/<title>, a metadata table (索引号, 发布机构, 发布日期), "
             "the document's second <meta charset=\"%s\"> and <title> (last year's), a footer with numbers" % opts["inner"])
    if opts["gbk"]:
        t.append("gbk: GBK bytes labelled gb2312, GBK-only %s in the narrative" % GBK_ONLY)
    else:
        t.append("utf-8 bytes (GBK-only %s in the narrative)" % GBK_ONLY)
    return t


def build(name, opts):
    clean = CleanPage()
    clean.feed(open(os.path.join(HERE, "html", name + ".html"), encoding="utf-8").read())
    w = Word(name, opts)
    titles = [TITLE.match(t).groups() for k, t in clean.blocks if k == "h1"]
    agency, year = titles[0][0], int(titles[0][1])
    m = re.match(r"^(.+?[县市区])", agency)
    site = (m.group(1) if m else agency) + "人民政府"
    publisher = agency if agency.endswith(("局", "政府")) else agency + "人民政府办公室"
    charset = "gb2312" if opts["gbk"] else "utf-8"
    crc = zlib.crc32(name.encode())
    pub = "%d-01-%02d" % (year + 1, 10 + crc % 18)
    art = 3900000 + crc % 99991
    url = "http://www.%s.gov.cn/art/%d/1/%d/art_5821_%d.html" % ("x" + "%04x" % (crc & 0xFFFF), year + 1, 10 + crc % 18, art)

    # a hidden template with another year's title and other numbers
    t3 = next(b for k, b in clean.blocks if k == "table" and kind_of(b) == "applications")
    decoy_rows = []
    for row in t3[3:5]:
        vals = [str(int(c.text) + w.rng.randint(2, 9)) if c.text.isdigit() else "3" for c in row[1:]]
        decoy_rows.append("<tr><td>%s</td>%s</tr>" % (esc(row[0].text), "".join("<td>%s</td>" % v for v in vals)))
    decoy = ("<div class=\"tpl-article\" style=\"DISPLAY: none\">\n<p>%s%d年政府信息公开工作年度报告</p>\n"
             "<table>\n%s\n<tr><td>行政复议</td><td>4</td><td>2</td><td>1</td><td>0</td><td>7</td></tr>\n</table>\n</div>"
             % (esc(agency), year - 1, "\n".join(decoy_rows)))

    out = []
    out.append("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">")
    out.append("<!-- saved from url=(%04d)%s -->" % (len(url), url))
    out.append("<html xmlns=\"http://www.w3.org/1999/xhtml\"><head>")
    out.append("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=%s\">" % charset)
    out.append("<title>%s%d年政府信息公开工作年度报告_年度报告_%s</title>" % (esc(agency), year, esc(site)))
    out.append("<meta name=\"PubDate\" content=\"%s 09:30\"><meta name=\"ContentSource\" content=\"%s\">" % (pub, esc(publisher)))
    out.append("<style type=\"text/css\">body{margin:0;font-size:14px;line-height:28px}.w1200{width:1200px}"
               ".xxgk-meta td{padding:5px 12px;border:1px solid #e5e5e5}#zoom{font-size:16px}</style>")
    out.append("<script type=\"text/javascript\">var _hmt=_hmt||[];(function(){var hm=document.createElement(\"script\");"
               "hm.src=\"https://hm.baidu.com/hm.js?5f6c8a0d2b1e4c3f9a7d6e5b4c3a2918\";var s=document.getElementsByTagName"
               "(\"script\")[0];s.parentNode.insertBefore(hm,s);})();var webid=%d,columnid=5821,articleid=%d;</script>"
               % (crc % 997, art))
    out.append("</head>\n<body>")
    out.append("<div class=\"top w1200\"><a href=\"/\">%s</a> <a href=\"/col/col5801/\">无障碍浏览</a></div>" % esc(site))
    out.append("<div class=\"position\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/col/col5820/\">政府信息公开</a> &gt; "
               "<a href=\"/col/col5821/\">政府信息公开年报</a></div>")
    out.append("<table class=\"xxgk-meta\" width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"0\">")
    out.append("<tr><td>索引号：</td><td>11320800014069%04d/%d-%05d</td><td>主题分类：</td><td>综合政务\\政务公开</td></tr>"
               % (crc % 10000, year + 1, crc % 100000))
    out.append("<tr><td>发布机构：</td><td>%s</td><td>发布日期：</td><td>%s</td></tr>" % (esc(publisher), pub))
    out.append("<tr><td>文号：</td><td></td><td>有效性：</td><td>有效</td></tr>\n</table>")
    out.append(decoy)
    out.append("<div id=\"zoom\" class=\"article-content\">")
    out.append("<meta charset=\"%s\">\n<meta name=Generator content=\"Microsoft Word 15 (filtered medium)\">" % opts["inner"])
    out.append("<title>%s%d年政府信息公开工作年度报告</title>" % (esc(agency), year - 1))
    out.append("<!--[if gte mso 9]><xml>\n <o:DocumentProperties>\n  <o:Author>Administrator</o:Author>\n"
               "  <o:Revision>12</o:Revision>\n  <o:TotalTime>58</o:TotalTime>\n  <o:Created>%d-01-08T02:13:00Z</o:Created>\n"
               "  <o:Pages>3</o:Pages>\n  <o:Words>2318</o:Words>\n  <o:Characters>13215</o:Characters>\n"
               "  <o:Version>16.00</o:Version>\n </o:DocumentProperties>\n</xml><![endif]-->" % (year + 1))
    out.append("<style>\n<!--\n /* Font Definitions */\n @font-face\n\t{font-family:宋体;\n\tpanose-1:2 1 6 0 3 1 1 1 1 1;}\n"
               "p.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0cm;text-align:justify;text-justify:inter-ideograph;"
               "font-size:10.5pt;font-family:等线;}\n@page WordSection1\n\t{size:595.3pt 841.9pt;"
               "margin:72.0pt 90.0pt 72.0pt 90.0pt;layout-grid:15.6pt;}\n-->\n</style>")
    out.append("<!--[if gte mso 10]><style>table.MsoNormalTable{mso-style-name:普通表格;mso-tstyle-rowband-size:0;"
               "mso-padding-alt:0cm 5.4pt 0cm 5.4pt;font-size:10.5pt}</style><![endif]-->")
    out.append("<div class=WordSection1 style='layout-grid:15.6pt'>")

    heads = {}
    prev = None
    for k, b in clean.blocks:
        if k == "h1":
            out.append(w.title(b))
        elif k == "h2":
            out.append(w.heading(b))
        elif k == "p":
            out.append(w.text(b))
            if prev == "h2" and heads.get("last", "").startswith("一、"):
                out.append(w.text("本机关政务公开工作由办公室（负责人王镕，联系人陈喆）具体承办，"
                                  "依托“犇跑”政务服务品牌推进公开与服务融合。"))
            if heads.get("last", "").startswith("五、"):
                out.append(w.list_item(1, "加强业务培训，提高信息发布质量。"))
                out.append(w.list_item(2, "规范依申请公开办理流程，做到应答尽答。"))
        else:
            parts, nheader = transform_table(w, b, dict(opts))
            for i, part in enumerate(parts):
                if i:
                    out.append(w.page_break())
                last = i == len(parts) - 1
                out.append(w.table(part, nheader if i == 0 else 0,
                                   spacer=opts["spacer"] and last and kind_of(b) == "applications"))
        if k == "h2":
            heads["last"] = b
        prev = k
    out.append("</div>\n</div>")
    out.append("<div class=\"info\">浏览次数：<span id=\"viewCount\"></span>　【<a href=\"javascript:window.print()\">打印本页</a>】"
               "【<a href=\"javascript:window.close()\">关闭窗口</a>】</div>")
    out.append("<script>var viewCount = 3187 + %d; document.getElementById(\"viewCount\").innerHTML = viewCount;\n"
               "var shareConfig = {\"pubDate\": \"%s\", \"articleId\": %d, \"size\": [16, 14, 12]};</script>" % (crc % 500, pub, art))
    out.append("<div class=\"footer\">主办：%s办公室　网站标识码：32080000%02d　<a href=\"https://beian.miit.gov.cn/\">苏ICP备05012345号-1</a>"
               "　苏公网安备 32080202000123号</div>" % (esc(site), crc % 100))
    out.append("</body></html>\n")
    page = "\n".join(out)
    data = page.encode("gb18030" if opts["gbk"] else "utf-8")
    return clean, data


# ---- reading it back as a browser shows it ----------------------------------------

VOID = {"br", "meta", "img", "hr", "input", "link", "base", "col", "wbr", "area", "param", "source"}
UNSHOWN = {"script", "style", "title", "head", "noscript", "template"}
BLOCK = {"p", "div", "h1", "h2", "h3", "table", "tr", "td", "th", "li", "br"}


def squeeze(s):
    return re.sub(r"\s", "", s or "").lower()


class Visible(HTMLParser):
    """Text a browser shows: lines, and tables of cells (lines per <p>)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.hidden, self.lines, self.tables = [], 0, [""], []
        self.cell, self.brk = None, False

    def newline(self):
        if self.lines[-1].strip(" \t\n\r\f\xa0"):
            self.lines.append("")

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        st = squeeze(a.get("style"))
        h = tag in UNSHOWN or "hidden" in a or "display:none" in st or "visibility:hidden" in st
        if tag not in VOID:
            self.stack.append((tag, h))
            self.hidden += h
        if self.hidden or h:
            return
        if tag in BLOCK:
            self.newline()
        if tag == "br" and "page-break-before:always" in st:
            self.brk = True
        elif tag == "table":
            self.tables.append(dict(cls=a.get("class") or "", rows=[], after_break=self.brk))
            self.brk = False
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag == "td":
            self.cell = dict(lines=[""], cs=int(a.get("colspan") or 1), rs=int(a.get("rowspan") or 1))
            self.tables[-1]["rows"][-1].append(self.cell)
        elif tag == "p" and self.cell:
            self.cell["lines"].append("")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                self.hidden -= sum(h for _, h in self.stack[i:])
                del self.stack[i:]
                break
        else:
            return
        if self.hidden:
            return
        if tag in BLOCK:
            self.newline()
        if tag == "td":
            self.cell = None
        elif tag == "p" and self.cell:
            self.cell["lines"].append("")

    def handle_data(self, d):
        if self.hidden:
            return
        self.lines[-1] += d
        if self.cell is not None:
            self.cell["lines"][-1] += d


def shown(t):
    return re.sub(r"[ \t\n\r\f\xa0]+", " ", t).strip()


def cell_text(cell):
    """A cell as read: its paragraphs' text (one character a paragraph joins up)."""
    if cell is None:
        return None
    if isinstance(cell, Cell):
        return cell.text
    return "".join(x for x in (shown(l) for l in cell["lines"]) if x)


def matrix(rows, rs=lambda c: c["rs"], cs=lambda c: c["cs"]):
    occ = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in occ:
                c += 1
            for dr in range(rs(cell)):
                for dc in range(cs(cell)):
                    occ[(r + dr, c + dc)] = cell
            c += cs(cell)
    ncols = max(c for _, c in occ) + 1
    return [[occ.get((r, c)) for c in range(ncols)] for r in range(len(rows))]


def collapse(m):
    """Drop grid columns that only repeat the column before (colspan)."""
    keep = [j for j in range(len(m[0])) if j == 0 or any(m[r][j] is not m[r][j - 1] for r in range(len(m)))]
    return [[row[j] for j in keep] for row in m]


def verify(name, opts, clean, data):
    errs = []
    if opts["gbk"]:
        text = data.decode("gbk")  # strict: GBK bytes only
        try:
            data.decode("gb2312")
            errs.append("no GBK-only character: the page is plain gb2312")
        except UnicodeDecodeError:
            pass
    else:
        text = data.decode("utf-8")
    v = Visible()
    v.feed(text)
    v.close()
    lines = [shown(l) for l in v.lines if shown(l)]
    body = "\n".join(lines)
    for ch in GBK_ONLY:
        if ch not in body:
            errs.append("GBK-only %s not shown" % ch)
    # every heading and paragraph of the clean page shown, in order
    i = 0
    for k, t in clean.blocks:
        if k == "table":
            continue
        while i < len(lines) and shown(t) not in lines[i]:
            i += 1
        if i == len(lines):
            errs.append("text not shown (in order): %s" % t)
            break
    want_titles = [t for k, t in clean.blocks if k == "h1"]
    got_titles = [l for l in lines if TITLE.match(l)]
    if got_titles != want_titles:
        errs.append("report titles shown %s, want %s" % (got_titles, want_titles))
    # tables: the report's tables (parts after a page break joined) cell by cell
    tables = []
    for t in v.tables:
        if t["cls"] == "xxgk-meta":
            continue
        m = matrix(t["rows"])
        while m and all(cell_text(c) == "" and c is not None and c["cs"] == 1 and c["rs"] == 1 for c in m[-1]) and opts["spacer"]:
            m.pop()  # Word's spacer row
        if t["after_break"]:
            if len(m[0]) != len(tables[-1][0]):
                errs.append("the second part of a split table has another width")
            tables[-1] = tables[-1] + m
        else:
            tables.append(m)
    want = [b for k, b in clean.blocks if k == "table"]
    if len(tables) != len(want):
        errs.append("%d tables shown, want %d" % (len(tables), len(want)))
    for n, (got, rows) in enumerate(zip(tables, want)):
        cm = collapse(matrix(rows, rs=lambda c: c.rs, cs=lambda c: c.cs))
        gm = collapse(got)
        if (len(cm), len(cm[0])) != (len(gm), len(gm[0])):
            errs.append("table %d: %dx%d shown, want %dx%d" % (n, len(gm), len(gm[0]), len(cm), len(cm[0])))
            continue
        for r in range(len(cm)):
            for c in range(len(cm[0])):
                ct, gt = cell_text(cm[r][c]), cell_text(gm[r][c])
                if ct == gt:
                    continue
                # an empty header sub-cell where the clean page's label spans rows
                if gt == "" and r > 0 and r < 3 and cm[r][c] is cm[r - 1][c]:
                    continue
                errs.append("table %d row %d column %d: shown %r, want %r" % (n, r, c, gt, ct))
    return errs


# ---- expected values and main ------------------------------------------------------


def write_yaml(name, opts):
    src = open(os.path.join(HERE, name + ".md.yaml"), encoding="utf-8").read().splitlines(keepends=True)
    if src and src[0].startswith("# generated by make-layouts.sh"):
        src = src[1:]
    hdr = ["# generated by wordify.py from html/%s.html: the page as a site serves a Word export\n" % name,
           "# pasted into its CMS (html/%s.word.html); the values of %s.md.yaml. Transformations:\n" % (name, name)]
    hdr += ["#   %s\n" % t for t in applied(opts)]
    hdr.append("# The source sample's own description follows.\n")
    body = ["file: html/%s.word.html\n" % name if l.startswith("file:") else l for l in src]
    with open(os.path.join(HERE, name + ".word.yaml"), "w", encoding="utf-8") as f:
        f.write("".join(hdr + body))


def main(argv):
    names = argv[1:] or list(PAGES)
    bad = 0
    for name in names:
        opts = dict(PAGES[name])
        src = open(os.path.join(HERE, "html", name + ".html"), encoding="utf-8").read()
        opts["template"] = "2021" if "本年制发件数" in src else "2019"
        clean, data = build(name, opts)
        clean2 = CleanPage()  # build() changed the parsed tables; check against a fresh parse
        clean2.feed(src)
        errs = verify(name, opts, clean2, data)
        for e in errs:
            print("%s: %s" % (name, e), file=sys.stderr)
        bad += bool(errs)
        with open(os.path.join(HERE, "html", name + ".word.html"), "wb") as f:
            f.write(data)
        write_yaml(name, opts)
        print("html/%s.word.html (%s, %d bytes)%s" % (name, "gb2312/GBK" if opts["gbk"] else "UTF-8", len(data),
                                                       "" if not errs else ": %d errors" % len(errs)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
