#!/usr/bin/env python3
"""Authoring tool for tests/layouts (make-layouts.sh); the tests do not run it.
Write the HTML page a government site would publish for a report whose
values are in an expected-YAML file (tests/samples/*.yaml format): the
three tables with the rowspan/colspan structure of the official template."""
import sys, yaml

APP_ROWS = [
 ("new_received", [("一、本年新收政府信息公开申请数量", 3, 1)]),
 ("carried_over", [("二、上年结转政府信息公开申请数量", 3, 1)]),
 ("disclosed", [("三、本年度办理结果", 1, "N"), ("（一）予以公开", 2, 1)]),
 ("partially_disclosed", [("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2, 1)]),
 ("withheld_state_secret", [("（三）不予公开", 1, 8), ("1．属于国家秘密", 1, 1)]),
 ("withheld_prohibited_by_law", [("2．其他法律行政法规禁止公开", 1, 1)]),
 ("withheld_security", [("3．危及“三安全一稳定”", 1, 1)]),
 ("withheld_third_party", [("4．保护第三方合法权益", 1, 1)]),
 ("withheld_internal", [("5．属于三类内部事务信息", 1, 1)]),
 ("withheld_process", [("6．属于四类过程性信息", 1, 1)]),
 ("withheld_enforcement_file", [("7．属于行政执法案卷", 1, 1)]),
 ("withheld_query", [("8．属于行政查询事项", 1, 1)]),
 ("unavailable_not_held", [("（四）无法提供", 1, 3), ("1．本机关不掌握相关政府信息", 1, 1)]),
 ("unavailable_needs_creation", [("2．没有现成信息需要另行制作", 1, 1)]),
 ("unavailable_unclear", [("3．补正后申请内容仍不明确", 1, 1)]),
 ("rejected_petition", [("（五）不予处理", 1, 5), ("1．信访举报投诉类申请", 1, 1)]),
 ("rejected_duplicate", [("2．重复申请", 1, 1)]),
 ("rejected_publication", [("3．要求提供公开出版物", 1, 1)]),
 ("rejected_excessive", [("4．无正当理由大量反复申请", 1, 1)]),
 ("rejected_confirmation", [("5．要求行政机关确认或重新出具已获取信息", 1, 1)]),
]
OTHER_2019 = [("other", [("（六）其他处理", 2, 1)])]
OTHER_2021 = [
 ("other_no_correction", [("（六）其他处理", 1, 3), ("1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 1, 1)]),
 ("other_unpaid_fee", [("2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 1, 1)]),
 ("other_misc", [("3．其他", 1, 1)]),
]
TAIL = [("total", [("（七）总计", 2, 1)]), ("carried_forward", [("四、结转下年度继续办理", 3, 1)])]

# what a blank cell holds: nothing, or the dash some sites write (argv[2])
BLANK = sys.argv[2] if len(sys.argv) > 2 else ""

def fmt(v):
    if v is None: return BLANK
    return str(v)

def table(rows):
    return "<table border=\"1\" cellspacing=\"0\">\n" + "\n".join(rows) + "\n</table>\n"

def td(x, cs=1, rs=1):
    a = ""
    if cs != 1: a += f' colspan="{cs}"'
    if rs != 1: a += f' rowspan="{rs}"'
    return f"<td{a}>{x}</td>"

def active(r):
    t = r["tables"]["active"]; out = []
    if r["template"] == "2021":
        out.append(table(["<tr>" + td("第二十条第（一）项", 4) + "</tr>",
            "<tr>" + td("信息内容") + td("本年制发件数") + td("本年废止件数") + td("现行有效件数") + "</tr>"] +
            ["<tr>" + td(lab) + "".join(td(fmt(t[k][c])) for c in ("issued","repealed","in_force")) + "</tr>"
             for k, lab in (("regulations","规章"),("normative_documents","行政规范性文件"))]))
        for item, rows in (("（五）", [("licensing","行政许可")]), ("（六）", [("penalty","行政处罚"),("coercion","行政强制")])):
            out.append(table(["<tr>" + td("第二十条第%s项" % item, 2) + "</tr>", "<tr>" + td("信息内容") + td("本年处理决定数量") + "</tr>"] +
                ["<tr>" + td(lab) + td(fmt(t[k]["decisions"])) + "</tr>" for k, lab in rows]))
        f = t["fees"]; unit = f.get("amount_unit")
        hdr = "本年收费金额（单位：万元）" if unit else "本年收费金额"
        out.append(table(["<tr>" + td("第二十条第（八）项", 2) + "</tr>", "<tr>" + td("信息内容") + td(hdr) + "</tr>",
            "<tr>" + td("行政事业性收费") + td(fmt(f["amount"])) + "</tr>"]))
    else:
        out.append(table(["<tr>" + td("第二十条第（一）项", 4) + "</tr>",
            "<tr>" + td("信息内容") + td("本年新制作数量") + td("本年新公开数量") + td("对外公开总数量") + "</tr>"] +
            ["<tr>" + td(lab) + "".join(td(fmt(t[k][c])) for c in ("made","published","total_published")) + "</tr>"
             for k, lab in (("regulations","规章"),("normative_documents","规范性文件"))]))
        for item, rows in (("（五）", [("licensing","行政许可"),("other_services","其他对外管理服务事项")]), ("（六）", [("penalty","行政处罚"),("coercion","行政强制")])):
            out.append(table(["<tr>" + td("第二十条第%s项" % item, 4) + "</tr>", "<tr>" + td("信息内容") + td("上一年项目数量") + td("本年增/减") + td("处理决定数量") + "</tr>"] +
                ["<tr>" + td(lab) + "".join(td(fmt(t[k][c]) if c != "change" or t[k][c] is None or t[k][c] <= 0 else "+%s" % t[k][c]) for c in ("previous_items","change","decisions")) + "</tr>" for k, lab in rows]))
        f = t["fees"]
        out.append(table(["<tr>" + td("第二十条第（八）项", 4) + "</tr>", "<tr>" + td("信息内容") + td("上一年项目数量") + td("本年增/减") + td("") + "</tr>",
            "<tr>" + td("行政事业性收费") + td(fmt(f["previous_items"])) + td(fmt(f["change"])) + td("") + "</tr>"]))
        p = t["procurement"]; amt = fmt(p["amount"]) + (p.get("amount_unit") or "")
        out.append(table(["<tr>" + td("第二十条第（九）项", 4) + "</tr>", "<tr>" + td("信息内容") + td("采购项目数量") + td("采购总金额") + td("") + "</tr>",
            "<tr>" + td("政府集中采购") + td(fmt(p["projects"])) + td(amt) + td("") + "</tr>"]))
    return "".join(out)

def applications(r):
    a = r["tables"]["applications"]
    rows = ["<tr>" + td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3) + td("申请人情况", 7) + "</tr>",
            "<tr>" + td("自然人", 1, 2) + td("法人或其他组织", 5) + td("总计", 1, 2) + "</tr>",
            "<tr>" + "".join(td(x) for x in ("商业企业","科研机构","社会公益组织","法律服务机构","其他")) + "</tr>"]
    spec = APP_ROWS + (OTHER_2021 if "other_no_correction" in a else OTHER_2019) + TAIL
    nres = sum(1 for k, _ in spec if k not in ("new_received","carried_over","total","carried_forward")) + 1
    for k, labels in spec:
        cells = ""
        for lab, cs, rs in labels:
            cells += td(lab, cs, nres if rs == "N" else rs)
        cells += "".join(td(fmt(v)) for v in a[k])
        rows.append("<tr>" + cells + "</tr>")
    return table(rows)

def appeals(r):
    p = r["tables"]["appeals"]
    hdr = ["<tr>" + td("行政复议", 5) + td("行政诉讼", 10) + "</tr>",
           "<tr>" + "".join(td(x, 1, 2) for x in ("结果维持","结果纠正","其他结果","尚未审结","总计")) + td("未经复议直接起诉", 5) + td("复议后起诉", 5) + "</tr>",
           "<tr>" + "".join(td(x) for x in ("结果维持","结果纠正","其他结果","尚未审结","总计") * 2) + "</tr>"]
    vals = p["review"] + p["suit_direct"] + p["suit_after_review"]
    return table(hdr + ["<tr>" + "".join(td(fmt(v)) for v in vals) + "</tr>"])

def page(exp):
    html = ["<html><head><meta charset=\"utf-8\"><title>政府信息公开工作年度报告</title></head><body>"]
    for r in exp["reports"]:
        y = r["year"]
        html.append(f"<h1>{r['agency']}{y}年政府信息公开工作年度报告</h1>")
        html.append(f"<p>本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。</p>")
        html.append("<h2>一、总体情况</h2><p>本年度，我们认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。</p>")
        html.append("<h2>二、主动公开政府信息情况</h2>" + active(r))
        html.append("<h2>三、收到和处理政府信息公开申请情况</h2>" + applications(r))
        html.append("<h2>四、政府信息公开行政复议、行政诉讼情况</h2>" + appeals(r))
        html.append("<h2>五、存在的主要问题及改进情况</h2><p>下一步将进一步提升政务公开质量。</p><h2>六、其他需要报告的事项</h2><p>无。</p>")
    html.append("</body></html>")
    return "\n".join(html)

exp = yaml.safe_load(open(sys.argv[1]))
sys.stdout.write(page(exp))
