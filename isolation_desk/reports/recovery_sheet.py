"""The recovery sheet: the site's database key, printed once at site setup, to be kept
locked away. Without it a site whose every password is forgotten is lost."""
from __future__ import annotations

from datetime import datetime

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from .fonts import FontChoice, register_fonts
from .page import build_pdf
from .styles import para, styles

TEXT = {
    "zh_CN": {
        "title": "数据库恢复单",
        "intro": "本单上的恢复码就是本隔离点数据文件的密钥。所有账号的密码都遗忘时,只有凭它才能打开数据;"
                 "没有它,数据将无法恢复。",
        "code": "恢复码(13组,每组4个字符):",
        "keep": "请将本单装入信封封存,交负责人锁入保险柜;不要拍照,不要复印,不要存入电脑或手机。",
        "use": "使用方法:在工作站上运行 isolation-desk recover --db <数据文件> <负责人用户名>,"
               "输入恢复码(或扫描二维码得到的文字)和新密码;负责人随即用新密码登录,并为其他人重设密码。",
        "file": "数据文件:{file}",
    },
    "en": {
        "title": "Database recovery sheet",
        "intro": "The recovery code on this sheet is the key of this site's data file. When every "
                 "password is forgotten, it alone opens the data; without it, the data is lost.",
        "code": "Recovery code (13 groups of 4 characters):",
        "keep": "Seal this sheet in an envelope and have the manager lock it in the safe; do not "
                "photograph, copy or store it on a computer or phone.",
        "use": "To use it: on the workstation run isolation-desk recover --db <data file> "
               "<manager's user name>, type the code (or the text the QR code scans to) and a new "
               "password; the manager then signs in with it and gives the others new passwords.",
        "file": "Data file: {file}",
    },
}


def build_recovery_sheet(code: str, target, *, site_name: str, db_file: str, printed_at: datetime,
                         printed_by: str = "", lang: str = "zh_CN", font: FontChoice | None = None) -> int:
    font = font or register_fonts(None)
    st = styles(font)
    t = TEXT["zh_CN" if lang.startswith("zh") else "en"]
    qr = QrCodeWidget(code.replace("-", ""))
    x0, y0, x1, y1 = qr.getBounds()
    size = 45 * mm
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(qr)
    groups = code.split("-")
    lines = ["  ".join(groups[i:i + 5]) for i in range(0, len(groups), 5)]
    story = [para(t["title"], st["title"], font), para(t["intro"], st["body"], font),
             Spacer(1, 4 * mm), para(t["code"], st["heading"], font)]
    from reportlab.lib.styles import ParagraphStyle
    big = ParagraphStyle("recovery_code", parent=st["body"], fontSize=16, leading=24)
    story += [para(line, big, font) for line in lines]
    story += [Spacer(1, 4 * mm), drawing, Spacer(1, 4 * mm),
              para(t["keep"], st["body"], font), para(t["use"], st["body"], font),
              para(t["file"].format(file=db_file), st["body"], font)]
    return build_pdf(target, story, title=t["title"], lang=lang, site_name=site_name,
                          printed_at=printed_at, font=font, printed_by=printed_by)
