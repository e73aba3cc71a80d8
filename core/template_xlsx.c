/* The XLSX form of a template: the form sheet, protected but for its input cells, and a readme. */
#include "template_internal.h"

#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

typedef struct xlsx_formats {
    lxw_format *code_row, *label_row, *text, *text_wrap, *text_na, *input, *input_na, *blocked;
    lxw_format *title, *para, *table_head;
} xlsx_formats;

static lxw_format *new_format(lxw_workbook *wb, lxw_color_t bg, int border)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (bg) {
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, bg);
    }
    if (border) {
        format_set_border(f, LXW_BORDER_THIN);
        format_set_border_color(f, 0xBFBFBF);
    }
    return f;
}

static void make_formats(lxw_workbook *wb, xlsx_formats *fm)
{
    fm->code_row = new_format(wb, 0xEDEDED, 1);
    format_set_font_color(fm->code_row, 0x595959);
    format_set_font_size(fm->code_row, 9);
    fm->label_row = new_format(wb, 0xD9E1F2, 1);
    format_set_bold(fm->label_row);
    format_set_text_wrap(fm->label_row);
    format_set_align(fm->label_row, LXW_ALIGN_CENTER);
    fm->text = new_format(wb, 0, 1);
    format_set_num_format(fm->text, "@");
    fm->text_wrap = new_format(wb, 0, 1);
    format_set_text_wrap(fm->text_wrap);
    fm->text_na = new_format(wb, 0xEDEDED, 1);
    format_set_font_color(fm->text_na, 0x808080);
    format_set_text_wrap(fm->text_na);
    /* yellow: the cells to fill in, the only unlocked ones */
    fm->input = new_format(wb, 0xFFF2CC, 1);
    format_set_unlocked(fm->input);
    fm->input_na = new_format(wb, 0xD9D9D9, 1);
    format_set_unlocked(fm->input_na);
    format_set_font_color(fm->input_na, 0x808080);
    /* no numerator/denominator for this type: locked and hatched */
    fm->blocked = new_format(wb, 0, 1);
    format_set_pattern(fm->blocked, LXW_PATTERN_LIGHT_UP);
    format_set_fg_color(fm->blocked, 0xD9D9D9);
    fm->title = workbook_add_format(wb);
    format_set_bold(fm->title);
    format_set_font_size(fm->title, 14);
    fm->para = workbook_add_format(wb);
    format_set_text_wrap(fm->para);
    format_set_align(fm->para, LXW_ALIGN_VERTICAL_TOP);
    fm->table_head = new_format(wb, 0xD9E1F2, 1);
    format_set_bold(fm->table_head);
}

static char *const yes_no[] = {"是", "否", NULL};

/* Data validation of a value (part 0), numerator (1) or denominator (2) cell range. */
static lxw_error validate_range(lxw_worksheet *ws, const type_info *ty, int part, lxw_row_t r1,
                                lxw_col_t c, lxw_row_t r2)
{
    lxw_data_validation dv;
    memset(&dv, 0, sizeof dv);
    dv.error_title = "数据有误";
    if (part == 2) {
        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN;
        dv.value_number = 0;
        dv.error_message = "分母应为大于 0 的数。";
    } else if (part == 1) {
        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
        dv.error_message = "分子应为不小于 0 的数，且不大于分母。";
    } else if (strcmp(ty->type, "bool") == 0) {
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = (char **)yes_no;
        dv.error_message = "请选择“是”或“否”。";
    } else if (strcmp(ty->type, "rate") == 0) {
        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        dv.minimum_number = 0;
        dv.maximum_number = 100;
        dv.error_message = "率以百分数填写，在 0 到 100 之间，不带 % 号。";
    } else if (strcmp(ty->type, "count") == 0 || strcmp(ty->type, "level") == 0) {
        dv.validate = LXW_VALIDATION_TYPE_INTEGER;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
        dv.error_message = "应为不小于 0 的整数。";
    } else {
        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
        dv.error_message = "应为不小于 0 的数。";
    }
    return worksheet_data_validation_range(ws, r1, c, r2, c, &dv);
}

static void write_number_or_blank(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int has, double x,
                                  lxw_format *f)
{
    if (has)
        worksheet_write_number(ws, r, c, x, f);
    else
        worksheet_write_blank(ws, r, c, f);
}

static lxw_error write_long_sheet(const tpl *t, lxw_worksheet *ws, const xlsx_formats *fm)
{
    static const double widths[NLONG] = {14, 9, 12, 52, 7, 7, 40, 11, 12, 12, 12};
    const tpl_unit *u = &t->unit[0];
    char text[512];
    lxw_error e = LXW_NO_ERROR;

    for (int c = 0; c < NLONG; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
        worksheet_write_string(ws, 0, (lxw_col_t)c, pxr_tpl_long_columns[c], fm->code_row);
        worksheet_write_string(ws, 1, (lxw_col_t)c, pxr_tpl_long_labels[c], fm->label_row);
    }
    worksheet_set_row(ws, 1, 22, NULL);
    worksheet_freeze_panes(ws, 2, 4);
    for (int k = 0; k < PXR_TEMPLATE_NSIGNOFF; k++) {
        lxw_row_t r = (lxw_row_t)(k + 2);
        worksheet_write_string(ws, r, 0, u->code, fm->text);
        worksheet_write_string(ws, r, 1, t->period, fm->text);
        worksheet_write_string(ws, r, 2, pxr_template_signoff[k], fm->text);
        worksheet_write_string(ws, r, 3, SIGNOFF_NAME, fm->text_wrap);
        for (int c = 4; c < COL_VALUE; c++)
            worksheet_write_blank(ws, r, (lxw_col_t)c, fm->text_wrap);
        if (t->signoff[k])
            worksheet_write_string(ws, r, COL_VALUE, t->signoff[k], fm->input);
        else
            worksheet_write_blank(ws, r, COL_VALUE, fm->input);
        worksheet_write_blank(ws, r, COL_VALUE + 1, fm->blocked);
        worksheet_write_blank(ws, r, COL_VALUE + 2, fm->blocked);
    }
    for (size_t i = 0; i < t->nind && !e; i++) {
        const tpl_indicator *ind = &t->ind[i];
        const tpl_value *v = &t->val[i];
        lxw_row_t r = (lxw_row_t)(i + 2 + PXR_TEMPLATE_NSIGNOFF);
        int ok = pxr_tpl_applies(t, i, u);
        lxw_format *txt = ok ? fm->text_wrap : fm->text_na, *in = ok ? fm->input : fm->input_na;

        worksheet_write_string(ws, r, 0, u->code, ok ? fm->text : fm->text_na);
        worksheet_write_string(ws, r, 1, t->period, ok ? fm->text : fm->text_na);
        worksheet_write_string(ws, r, 2, ind->code, ok ? fm->text : fm->text_na);
        worksheet_write_string(ws, r, 3, ind->name, txt);
        worksheet_write_string(ws, r, 4, ind->unit, txt);
        worksheet_write_string(ws, r, 5, ind->type->label, txt);
        pxr_tpl_applicability_text(t, i, u, text, sizeof text);
        worksheet_write_string(ws, r, 6, text, txt);
        worksheet_write_string(ws, r, 7, ind->type->range, txt);
        if (v->answer)
            worksheet_write_string(ws, r, COL_VALUE, v->answer, in);
        else
            write_number_or_blank(ws, r, COL_VALUE, v->has_value, v->value, in);
        e = validate_range(ws, ind->type, 0, r, COL_VALUE, r);
        if (ind->type->parts) {
            write_number_or_blank(ws, r, COL_VALUE + 1, v->has_num, v->num, in);
            write_number_or_blank(ws, r, COL_VALUE + 2, v->has_den, v->den, in);
            if (!e)
                e = validate_range(ws, ind->type, 1, r, COL_VALUE + 1, r);
            if (!e)
                e = validate_range(ws, ind->type, 2, r, COL_VALUE + 2, r);
        } else {
            worksheet_write_blank(ws, r, COL_VALUE + 1, fm->blocked);
            worksheet_write_blank(ws, r, COL_VALUE + 2, fm->blocked);
        }
    }
    return e;
}

static lxw_error write_wide_sheet(const tpl *t, lxw_worksheet *ws, const xlsx_formats *fm)
{
    char text[512];
    lxw_col_t c = 3;
    lxw_row_t last = (lxw_row_t)(t->nunit + 1);
    lxw_error e = LXW_NO_ERROR;

    worksheet_set_column(ws, 0, 0, 14, NULL);
    worksheet_set_column(ws, 1, 1, 30, NULL);
    worksheet_set_column(ws, 2, 2, 9, NULL);
    worksheet_write_string(ws, 0, 0, "institution", fm->code_row);
    worksheet_write_string(ws, 0, 1, "name", fm->code_row);
    worksheet_write_string(ws, 0, 2, "period", fm->code_row);
    worksheet_write_string(ws, 1, 0, PXR_TEMPLATE_LABEL_MARK, fm->label_row);
    worksheet_write_string(ws, 1, 1, "机构名称", fm->label_row);
    worksheet_write_string(ws, 1, 2, "期间", fm->label_row);
    worksheet_set_row(ws, 1, 75, NULL);
    worksheet_freeze_panes(ws, 2, 3);
    for (size_t u = 0; u < t->nunit; u++) {
        worksheet_write_string(ws, (lxw_row_t)(u + 2), 0, t->unit[u].code, fm->text);
        worksheet_write_string(ws, (lxw_row_t)(u + 2), 1, t->unit[u].name, fm->text_wrap);
        worksheet_write_string(ws, (lxw_row_t)(u + 2), 2, t->period, fm->text);
    }
    for (size_t i = 0; i < t->nind && !e; i++) {
        const tpl_indicator *ind = &t->ind[i];
        int parts = ind->type->parts ? 3 : 1;
        worksheet_set_column(ws, c, (lxw_col_t)(c + parts - 1), 12, NULL);
        worksheet_write_string(ws, 0, c, ind->code, fm->code_row);
        pxr_tpl_indicator_label(ind, text, sizeof text);
        worksheet_write_string(ws, 1, c, text, fm->label_row);
        if (parts == 3) {
            snprintf(text, sizeof text, "%s%s", ind->code, PXR_TEMPLATE_NUM_SUFFIX);
            worksheet_write_string(ws, 0, c + 1, text, fm->code_row);
            snprintf(text, sizeof text, "%s%s", ind->code, PXR_TEMPLATE_DEN_SUFFIX);
            worksheet_write_string(ws, 0, c + 2, text, fm->code_row);
            snprintf(text, sizeof text, "%s 分子", ind->code);
            worksheet_write_string(ws, 1, c + 1, text, fm->label_row);
            snprintf(text, sizeof text, "%s 分母", ind->code);
            worksheet_write_string(ws, 1, c + 2, text, fm->label_row);
        }
        for (size_t u = 0; u < t->nunit; u++) {
            const tpl_value *v = &t->val[u * t->nind + i];
            lxw_row_t r = (lxw_row_t)(u + 2);
            lxw_format *in = pxr_tpl_applies(t, i, &t->unit[u]) ? fm->input : fm->input_na;
            if (v->answer)
                worksheet_write_string(ws, r, c, v->answer, in);
            else
                write_number_or_blank(ws, r, c, v->has_value, v->value, in);
            if (parts == 3) {
                write_number_or_blank(ws, r, c + 1, v->has_num, v->num, in);
                write_number_or_blank(ws, r, c + 2, v->has_den, v->den, in);
            }
        }
        for (int p = 0; p < parts && !e; p++)
            e = validate_range(ws, ind->type, p, 2, (lxw_col_t)(c + p), last);
        c = (lxw_col_t)(c + parts);
    }
    /* the sign-off of each institution's submission, after its indicators */
    for (int k = 0; k < PXR_TEMPLATE_NSIGNOFF && !e; k++, c++) {
        worksheet_set_column(ws, c, c, 14, NULL);
        worksheet_write_string(ws, 0, c, pxr_template_signoff[k], fm->code_row);
        worksheet_write_string(ws, 1, c, pxr_template_signoff[k], fm->label_row);
        for (size_t u = 0; u < t->nunit; u++) {
            const char *v = t->signoff[u * PXR_TEMPLATE_NSIGNOFF + (size_t)k];
            if (v)
                worksheet_write_string(ws, (lxw_row_t)(u + 2), c, v, fm->input);
            else
                worksheet_write_blank(ws, (lxw_row_t)(u + 2), c, fm->input);
        }
    }
    return e;
}

/* The 说明 sheet: what the form is for, how to fill it in, and the indicators it asks for. */
static void write_readme(const tpl *t, lxw_worksheet *ws, const xlsx_formats *fm)
{
    static const char *const steps[] = {
        "1. 只在黄色单元格中填写。前两行（列代码和中文列名）及机构、期间、指标代码已锁定"
        "（工作表保护未设密码，仅防误改）；请勿改动列代码，否则无法导入。",
        "2. 率（%）：填写分子和分母，“数值”可留空，由系统按 分子÷分母×100 计算；同时填写"
        "数值时，数值须与分子分母一致（允许按所写小数位四舍五入）。分子不大于分母。",
        "3. 计数、等级填写不小于 0 的整数；时长按“单位”填写不小于 0 的数；"
        "“是否”类指标从下拉列表选择 是 或 否。",
        "4. 没有数据的单元格请留空：空白表示缺失，不会当作 0。",
        "5. 灰色单元格是对本机构不适用的指标（▲ 适用于三级医院和医联体的牵头医院；"
        "＃ 适用于有产科的医疗机构），不必填写；填写了，导入时会给出警告。",
        "6. 表中已有数值为数据库中本期已导入的数据，可直接修改。",
        "7. 填好后导入：pxr import 本文件.xlsx（也可另存为 CSV UTF-8 后导入）。",
    };
    static const char *const heads[] = {"指标代码", "指标名称", "单位",
                                        "类型",     "允许范围", "适用范围"};
    char text[1024];
    lxw_row_t r = 0;

    worksheet_set_column(ws, 0, 0, 12, NULL);
    worksheet_set_column(ws, 1, 1, 60, NULL);
    worksheet_set_column(ws, 2, 4, 9, NULL);
    worksheet_set_column(ws, 5, 5, 34, NULL);
    snprintf(text, sizeof text, "《%s》数据填报表", t->title);
    worksheet_write_string(ws, r++, 0, text, fm->title);
    snprintf(text, sizeof text, "发文机关：%s", *t->issuer ? t->issuer : "（文件未载明）");
    worksheet_write_string(ws, r++, 0, text, NULL);
    snprintf(text, sizeof text, "文号：%s", t->number ? t->number : "（文件未载明）");
    worksheet_write_string(ws, r++, 0, text, NULL);
    if (*t->basis) {
        snprintf(text, sizeof text, "依据：%s", t->basis);
        worksheet_write_string(ws, r++, 0, text, NULL);
    }
    snprintf(text, sizeof text, "实施期间：%s　填报期间：%s（%s）", t->span, t->period_label,
             t->period);
    worksheet_write_string(ws, r++, 0, text, NULL);
    if (t->wide)
        snprintf(text, sizeof text, "填报范围：%zu 家医疗机构，每行一家机构", t->nunit);
    else
        snprintf(text, sizeof text, "填报单位：%s（%s），每行一项指标", t->unit[0].name,
                 t->unit[0].code);
    worksheet_write_string(ws, r++, 0, text, NULL);
    r++;
    worksheet_write_string(ws, r++, 0, "填报说明", fm->title);
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++, r++) {
        worksheet_merge_range(ws, r, 0, r, 5, steps[i], fm->para);
        worksheet_set_row(ws, r, 32, NULL);
    }
    r++;
    worksheet_write_string(ws, r++, 0, "指标一览", fm->title);
    for (int c = 0; c < 6; c++)
        worksheet_write_string(ws, r, (lxw_col_t)c, heads[c], fm->table_head);
    r++;
    for (size_t i = 0; i < t->nind; i++, r++) {
        const tpl_indicator *ind = &t->ind[i];
        int a = pxr_tpl_applicability_index(ind->applicability);
        worksheet_write_string(ws, r, 0, ind->code, fm->text);
        worksheet_write_string(ws, r, 1, ind->name, fm->text_wrap);
        worksheet_write_string(ws, r, 2, ind->unit, fm->text);
        worksheet_write_string(ws, r, 3, ind->type->label, fm->text);
        worksheet_write_string(ws, r, 4, ind->type->range, fm->text);
        if (a >= 0)
            snprintf(text, sizeof text, "%s %s", pxr_tpl_applicabilities[a].mark,
                     pxr_tpl_applicabilities[a].who);
        else
            snprintf(text, sizeof text, "全部机构");
        worksheet_write_string(ws, r, 5, text, fm->text_wrap);
    }
}

int pxr_tpl_write_xlsx(const tpl *t, const char *file, const char *path, pxr_error *err)
{
    lxw_workbook *wb = workbook_new(file);
    lxw_worksheet *form, *readme;
    lxw_protection prot;
    lxw_doc_properties props;
    xlsx_formats fm;
    char title[600];
    lxw_error e;

    if (!wb)
        return pxr_fail(err, PXR_EINTERNAL, "%s: cannot start the workbook", path);
    form = workbook_add_worksheet(wb, "填报");
    readme = workbook_add_worksheet(wb, "说明");
    make_formats(wb, &fm);
    snprintf(title, sizeof title, "《%s》数据填报表 %s", t->title, t->period);
    memset(&props, 0, sizeof props);
    props.title = title;
    props.author = "pxr " PXR_VERSION;
    workbook_set_properties(wb, &props);
    e = t->wide ? write_wide_sheet(t, form, &fm) : write_long_sheet(t, form, &fm);
    write_readme(t, readme, &fm);
    memset(&prot, 0, sizeof prot);
    prot.format_columns = prot.format_rows = 1; /* widening a column is not tampering */
    /* printed for signing off: A4 landscape, all columns on one page, headers repeated */
    worksheet_set_paper(form, 9);
    worksheet_set_landscape(form);
    worksheet_repeat_rows(form, 0, 1);
    if (t->wide)
        worksheet_repeat_columns(form, 0, 2);
    else
        worksheet_fit_to_pages(form, 1, 0);
    worksheet_set_paper(readme, 9);
    worksheet_fit_to_pages(readme, 1, 0);
    worksheet_protect(form, NULL, &prot);
    worksheet_protect(readme, NULL, &prot);
    if (e) {
        workbook_close(wb);
        return pxr_fail(err, PXR_EINTERNAL, "%s: data validation: %s", path, lxw_strerror(e));
    }
    if ((e = workbook_close(wb)) != LXW_NO_ERROR) {
        return pxr_fail(err, PXR_EINTERNAL, "%s: cannot write the workbook: %s", path,
                        lxw_strerror(e));
    }
    return PXR_OK;
}
