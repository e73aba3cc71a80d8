/*
** The help text of each command (pxr help COMMAND, pxr COMMAND --help), in
** English; Chinese under a zh locale through the message catalog
** (core/po/zh_CN.po has each text whole as a msgid).
*/
#include "cli.h"

#include <string.h>

static const struct {
    const char *name, *text;
} helps[] = {
    {"init", "usage: pxr [--db FILE] init\n"
             "Creates the database (or upgrades its schema) and loads every plugin's catalog\n"
             "and the built-in regions: mainland China to county level (国家统计局 2023) under\n"
             "100000 全国.  A region already in the database (imported) is kept as it is.\n"},
    {"import",
     "usage: pxr [--db FILE] import FILE... [--kind K] [--dry-run] [--received YYYY-MM-DD]\n"
     "                  [--reason TEXT]\n"
     "Loads CSV files (UTF-8 with or without BOM, GBK or GB18030; RFC 4180 quoting), XLSX\n"
     "workbooks (the sheet named 填报, else the first; cells named like D22 in messages),\n"
     "ADX or pxr XML (as pxr export writes them), and narratives as Markdown or text: lines\n"
     "plugin: / unit: / period:, then one '## <section>' per part.  Files are taken in order\n"
     "of kind (regions, institutions, departments, groups, values, measures, narratives).\n"
     "The kind is told by the header:\n"
     "  regions       code,name,parent,level          (GB/T 2260 codes; built in: only\n"
     "                additions, renames, local units; no region may lie below itself)\n"
     "  institutions  code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead\n"
     "  values        institution,period,indicator,value,numerator,denominator\n"
     "                (+ name,unit,type,applicability,range: ignored, as pxr template writes)\n"
     "  values, wide  institution,name,period,EI01,EI01.numerator,EI01.denominator,...\n"
     "  departments   institution,code,name\n"
     "  measures      plugin,measure,unit,period,status,department,note\n"
     "  narratives    plugin,unit,period,section,text\n"
     "  groups        group,name,region,institution   (a reporting unit that is a group of\n"
     "                institutions, one row per member: 申康医院发展中心; its code can be\n"
     "                the unit of measures and narratives).  A groups file states the\n"
     "                whole membership of each group it names: members it does not list\n"
     "                are removed, and the import says per group how many were added and\n"
     "                removed; groups it does not name are left alone.\n"
     "A second header row starting with 机构代码 (a template's labels) is skipped.  A value\n"
     "for an indicator that does not apply to the institution (▲/＃, indicator 15's\n"
     "中医医院: pxr validate's rule) is a warning.\n"
     "All files are imported in one transaction: an error anywhere changes nothing and\n"
     "names file:line:column, the field and the value.  Importing the same data again\n"
     "changes nothing.  --dry-run checks and counts without writing.\n"
     "Every import of values records when each institution's submission for a period was\n"
     "received: now, or --received YYYY-MM-DD.  A replaced value is kept with its import\n"
     "(file, sha256, time) and --reason TEXT (else the reopening's reason): pxr history.\n"
     "Approved values (pxr approve) cannot change: the import fails and changes nothing.\n"
     "Rows 填报人, 联系电话, 填报日期, 审核人（负责人） in the indicator column of an\n"
     "institution's form carry the sign-off in the value column.  Every error of a file is\n"
     "reported (up to 100), then their count; all-empty rows are skipped.  Messages are\n"
     "Chinese when LC_ALL, LC_MESSAGES or LANG starts with zh.\n"
     "A FILE is a regular file or a pipe (a FIFO, /dev/stdin, <(...)), read once; other\n"
     "kinds (devices, directories) are refused.  Limits, named in their messages: 1024 MiB\n"
     "per input ($PXR_MAX_INPUT_MB), 10000 fields and 16 MiB per CSV record, 256 MB per\n"
     "XLSX part and 512 MB in all, 100 sections of 1 MiB and 16 MiB per narrative file.\n"
     "Institution and department codes are printable, without white space, control\n"
     "characters or , ; / \\ : * ? \" < > | (they become file names).\n"},
    {"status",
     "usage: pxr [--db FILE] status ID --period P [--region C | --unit G] [--due YYYY-MM-DD]\n"
     "                  [-o FILE.pdf|FILE.csv] [--xml FILE.xml]\n"
     "Who has reported for period P (填报进度): one row per institution plugin ID covers\n"
     "(in region C and below, or among the members of G, a reporting unit that is a group\n"
     "of institutions; --region takes a group's code too), with region, level, status,\n"
     "received date and completeness (indicators reported / asked of it, by pxr validate's\n"
     "rule: ▲/＃ and the targets' and form fields' scope).  Status: 未报 nothing received, 已报\n"
     "received (on time), 逾期 received after the due date, 已审核 approved, 退回 reopened.\n"
     "The due date is the plugin calendar's, else --due; without either no timeliness is\n"
     "judged, and the output says why.  Totals per region and level: 应报 已报 按时 逾期 未报\n"
     "及时率 (on time/expected) 完整率 (reported/expected).  The members of a group belong to\n"
     "its return: a region below the one the group reports in leaves them out and says so, the\n"
     "region it reports in totals them under the group.  -o writes CSV or a PDF, --xml\n"
     "XML validated against pxr-status.xsd.\n"},
    {"approve", "usage: pxr [--db FILE] approve ID --period P (--institution C | --region C |\n"
                "                   --unit G) [--by NAME]\n"
                "Marks what the institution (or every institution of region C, or every member\n"
                "of G, a reporting unit that is a group of institutions, that has reported)\n"
                "sent for plugin ID's indicators in period P as 已审核.  Approved values are\n"
                "locked: an import that would change them fails.  --by: who approves (default:\n"
                "the login).\n"},
    {"reopen", "usage: pxr [--db FILE] reopen ID --period P --institution C --reason TEXT\n"
               "Returns approved data (退回) so the hospital can correct it; the reason is kept\n"
               "with the values the correction replaces.\n"},
    {"history", "usage: pxr [--db FILE] history --institution C [--indicator X] [--period P]\n"
                "Lists every replaced value of the institution, old -> new, with the file,\n"
                "sha256 and time of each version's import and the reason.\n"},
    {"plugins", "usage: pxr plugins [--reports]\n"
                "Lists the policy plugins: id, title, numbers of measures, indicators, targets\n"
                "and reports.  --reports prints one line per report: plugin, report, scope,\n"
                "and the period examples/ holds data for (make demo renders it).\n"},
    {"catalog", "usage: pxr catalog ID [--format text|csv|xml]\n"
                "Prints a plugin's measures, indicators and targets, one row per entry.\n"
                "CSV columns: kind,code,name,section,unit,type,applicability,comparator,value,"
                "deadline,source,sentence\n"},
    {"report",
     "usage: pxr [--db FILE] report ID REPORT --period P (--institution C | --region C |\n"
     "                  --unit C) -o OUT.pdf [--xml OUT.xml]\n"
     "Builds one report of plugin ID.  P is a period such as 2024S1, 2024 or 2024年上半年.\n"
     "--region 100000 is the whole country (全国).  --unit C names a reporting unit that is a\n"
     "group of institutions (pxr import of a groups file), for a report that takes them\n"
     "(shanghai2023 semiannual --unit SHENKANG); --region also takes such a code.\n"
     "The XML twin is validated against the report's schema before anything is written.\n"
     "--draft marks every page 草稿; so is a report on a period that has not ended yet.\n"},
    {"batch", "usage: pxr [--db FILE] batch ID REPORT --period P --each institution|region\n"
              "                 [--level province|prefecture|county] -o DIR [-j N] [--force]\n"
              "Renders the report for every institution (or region with institutions) into DIR\n"
              "as ID-REPORT-UNIT-PERIOD.pdf and .xml, in N parallel processes.  --draft as for\n"
              "report.  With --each region, --level keeps the regions of one level: province\n"
              "(the 31 provinces), prefecture (地级: 市, 州, 盟) or county (县级: 区, 县, 旗).\n"
              "The statistical middle levels (310100 市辖区) are not units of their own.\n"
              "A unit whose PDF and XML are newer than the last import and the plugin's files\n"
              "is skipped, so a rerun resumes; --force renders every unit.  A unit that fails\n"
              "does not stop the others; the summary counts written, up to date and failed\n"
              "units, and the exit code is not 0 when any failed.  On a terminal a progress\n"
              "line shows done/total, the rate and the time left.\n"},
    {"validate",
     "usage: pxr [--db FILE] validate [--plugin ID] [--period P] [-o FILE.csv|FILE.pdf]\n"
     "Checks the stored data: the plugins' validation rules (left side, operator, right side,\n"
     "missing-value strategy, importance), values given for indicators that do not apply (▲/＃),\n"
     "applicable indicators left unreported, periods outside the plan's span, and outliers "
     "(modified\n"
     "z-score above 3.5 among institutions of the same level).  Lists every violation with unit,\n"
     "indicator, rule and values; -o also writes them as CSV or PDF.  Exit 1 if any is an "
     "error.\n"},
    {"export",
     "usage: pxr [--db FILE] export --format adx|csv|xml [--plugin ID] [--period P] -o FILE\n"
     "Writes the stored values; `pxr import FILE` into a fresh database gives the same values.\n"
     "  csv  institution,period,indicator,value,numerator,denominator (UTF-8, RFC 4180)\n"
     "  xml  pxr's values XML (schema pxr-values.xsd) with each value's import: file, sha256, "
     "time\n"
     "  adx  IHE ADX (urn:ihe:qrph:adx:2015): a group per unit and period (2024-01-01/P6M),\n"
     "       numerator and denominator as pxr:numerator/pxr:denominator, yes/no as 1/0\n"
     "--plugin keeps that plugin's indicators, --period one period.  XML and ADX are validated\n"
     "against their schema before the file is written; a failed export writes nothing.\n"},
    {"template",
     "usage: pxr [--db FILE] template ID --period P [--institution C | --region C]\n"
     "                    -o FILE.xlsx|FILE.csv\n"
     "Writes a fill-in form of plugin ID's indicators for period P, with the values already\n"
     "stored filled in.  --institution C: one row per indicator (code, name, unit, type,\n"
     "applicability, allowed range, value, numerator, denominator).  Otherwise one row per\n"
     "institution (of region C with --region), columns CODE, CODE.numerator, CODE.denominator,\n"
     "then the sign-off: 填报人, 联系电话, 填报日期, 审核人（负责人）.\n"
     "XLSX: sheet 填报 protected except the value cells, which carry data validation; sheet\n"
     "说明 explains.  CSV: UTF-8 with a BOM.  `pxr import FILE` reads the filled form back.\n"},
    {"run",
     "usage: pxr [--db FILE] run SCRIPT.lua [--out DIR] [ARGS...]\n"
     "Runs a Lua 5.4 script in the sandbox: no os, io, debug or loadfile; text chunks "
     "only;\n"
     "unknown globals are errors.  Limits per run: PXR_MAX_INSTRUCTIONS (500000000),\n"
     "PXR_MAX_SECONDS (60, also inside SQL and library calls), PXR_MAX_MEMORY_MB (1024, "
     "Lua,\n"
     "SQLite and documents together).  The script writes only through pxr.pdf(doc, path) and\n"
     "pxr.xml(result, path, schema), only inside DIR (default: the current directory).\n"
     "It sees `arg` and the `pxr` module: pxr.data, pxr.db, pxr.doc, pxr.chart, "
     "pxr.period,\n"
     "pxr.indicator, pxr.target, pxr.region, pxr.unit, and the machinery of the plugins'\n"
     "reports: pxr.report, pxr.format, pxr.result.\n"
     "Reference and tutorial: docs/lua-api.md; the sandbox's guarantees: "
     "docs/sandbox.md\n"
     "(installed under PREFIX/share/doc/pxr).\n"},
};

const char *pxr_cli_help(const char *command)
{
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
        if (strcmp(helps[i].name, command) == 0)
            return pxr_msg(helps[i].text);
    return NULL;
}
