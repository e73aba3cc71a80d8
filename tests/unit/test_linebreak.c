/* Golden line breaks with a fixed-width measure: CJK 1.0 em, ASCII 0.5 em. */
#include "check.h"
#include "linebreak.h"

#include <stdlib.h>

static double fixed_width(void *ud, uint32_t cp)
{
    (void)ud;
    return cp < 0x80 ? 0.5 : 1.0;
}

/* Breaks text at width in a punctuation mode and joins the lines with '|' into out. */
static const char *brk_mode(const char *text, double width, double indent, int mode, char *out,
                            size_t outlen)
{
    pxr_lb_line *lines;
    size_t n, o = 0;
    if (pxr_lb_break_mode(text, strlen(text), width, indent, mode, fixed_width, NULL, &lines, &n) !=
        0)
        return "(oom)";
    for (size_t i = 0; i < n; i++) {
        size_t len = lines[i].end - lines[i].start;
        if (o + len + 2 >= outlen)
            break;
        if (i)
            out[o++] = '|';
        memcpy(out + o, text + lines[i].start, len);
        o += len;
    }
    out[o] = '\0';
    free(lines);
    return out;
}

static const char *brk(const char *text, double width, double indent, char *out, size_t outlen)
{
    return brk_mode(text, width, indent, PXR_LB_STRICT, out, outlen);
}

/* 1 when no line of text broken at width starts with a no-start or ends with a no-end mark. */
static int rules_hold(const char *text, double width)
{
    pxr_lb_line *lines;
    size_t n;
    int ok = 1;
    if (pxr_lb_break(text, strlen(text), width, 0, fixed_width, NULL, &lines, &n) != 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t first, last = 0;
        size_t p = lines[i].start;
        if (lines[i].end == p)
            continue;
        pxr_utf8_decode(text + p, lines[i].end - p, &first);
        while (p < lines[i].end)
            p += pxr_utf8_decode(text + p, lines[i].end - p, &last);
        if (pxr_lb_no_start(first) || pxr_lb_no_end(last) || lines[i].width > width + 1e-9)
            ok = 0;
    }
    free(lines);
    return ok;
}

int main(void)
{
    char buf[1024];
    const char *starts = "，。、；：？！）》」』”’〕】,.;:?!)]}";
    const char *ends = "（《「『“‘〔【([{";
    size_t p;
    uint32_t cp;
    int all = 1;

    for (p = 0; starts[p];) {
        p += pxr_utf8_decode(starts + p, strlen(starts + p), &cp);
        all &= pxr_lb_no_start(cp) && !pxr_lb_no_end(cp);
    }
    CHECK(all, "every closing mark is forbidden at a line start");
    all = 1;
    for (p = 0; ends[p];) {
        p += pxr_utf8_decode(ends + p, strlen(ends + p), &cp);
        all &= pxr_lb_no_end(cp) && !pxr_lb_no_start(cp);
    }
    CHECK(all, "every opening mark is forbidden at a line end");
    CHECK(!pxr_lb_no_start(0x4E2D) && !pxr_lb_no_end('a'), "ordinary characters are free");

    CHECK_STR(brk("改善就医感受提升患者体验", 5, 0, buf, sizeof buf), "改善就医感|受提升患者|体验",
              "CJK breaks between any two characters");
    CHECK_STR(brk("改善就医感受提升患者体验", 5, 2, buf, sizeof buf), "改善就|医感受提升|患者体验",
              "first-line indent narrows the first line");
    CHECK_STR(brk("改善就医感，受提升", 5, 0, buf, sizeof buf), "改善就医|感，受提升",
              "a comma never starts a line: the previous character moves down");
    CHECK_STR(brk("改善就医（感受提升", 5, 0, buf, sizeof buf), "改善就医|（感受提升",
              "an opening bracket never ends a line");
    CHECK_STR(brk("他说：“好”。再见", 4, 0, buf, sizeof buf), "他说：|“好”。|再见",
              "closing quote and full stop stay with the word before");
    CHECK_STR(brk("等待……时间", 3, 0, buf, sizeof buf), "等待|……时|间", "…… is never split");
    CHECK_STR(brk("甲乙——丙丁", 3, 0, buf, sizeof buf), "甲乙|——丙|丁", "—— is never split");
    CHECK_STR(brk("hello world again", 4, 0, buf, sizeof buf), "hello|world|again",
              "Latin text breaks at spaces only");
    CHECK_STR(brk("患者满意度98.5%以上", 4, 0, buf, sizeof buf), "患者满意|度98.5%|以上",
              "a number is never split");
    CHECK_STR(brk("abcdefghijklmnop", 3, 0, buf, sizeof buf), "abcdef|ghijkl|mnop",
              "a word longer than the line is cut by character as a last resort");
    CHECK_STR(brk("甲\n乙丙", 10, 0, buf, sizeof buf), "甲|乙丙", "newline forces a break");
    CHECK_STR(brk("", 10, 0, buf, sizeof buf), "", "empty text gives one empty line");
    CHECK_STR(brk("ok (test) yes", 4, 0, buf, sizeof buf), "ok|(test)|yes",
              "ASCII brackets stay with their word");

    CHECK(rules_hold("患者就医，“体验”（满意度）、等待时间。《方案》「要求」：好！是否？"
                     "【注】〔一〕『引』‘单’ Latin, words; here: (ok) [x] {y}!",
                     6),
          "避头尾 holds for every mark at width 6");
    for (int w = 3; w <= 12; w++) {
        char name[64];
        snprintf(name, sizeof name, "避头尾 holds at width %d", w);
        CHECK(rules_hold("（一）提升患者体验，改善“就医感受”。预约诊疗率≥90%，平均等待时间"
                         "（分钟）：15.5……再——议《通知》。",
                         w),
              name);
    }

    /* hanging and squeezing punctuation (doc.punctuation) */
    CHECK_STR(brk_mode("改善就医感，受提升", 5, 0, PXR_LB_HANG, buf, sizeof buf),
              "改善就医感，|受提升", "hang: the comma hangs past a full line");
    CHECK_STR(brk_mode("改善就医感。\n受提升", 5, 0, PXR_LB_HANG, buf, sizeof buf),
              "改善就医感。|受提升", "hang: a full stop before a forced break hangs");
    CHECK_STR(brk_mode("改善就医感！受提升", 5, 0, PXR_LB_HANG, buf, sizeof buf),
              "改善就医|感！受提升", "hang: ！ does not hang (its ink fills the em)");
    CHECK_STR(brk_mode("他说就医好。”再见", 5, 0, PXR_LB_HANG, buf, sizeof buf),
              "他说就医|好。”再见", "hang: 。 before ” does not hang (” would start a line)");
    CHECK_STR(brk_mode("改善就医感，受提升", 5, 0, PXR_LB_SQUEEZE, buf, sizeof buf),
              "改善就医|感，受提升", "squeeze: half a comma is not room enough for a comma");
    CHECK_STR(brk_mode("甲，乙。丙丁，戊", 6, 0, PXR_LB_SQUEEZE, buf, sizeof buf),
              "甲，乙。丙丁，|戊", "squeeze: three half-width closings make room for the comma");
    CHECK_STR(brk_mode("甲，乙。丙丁，戊", 6, 0, PXR_LB_STRICT, buf, sizeof buf),
              "甲，乙。丙|丁，戊", "strict: the same text moves 丁 down");
    CHECK_STR(brk_mode("甲乙丙丁戊己", 5, 0, PXR_LB_SQUEEZE, buf, sizeof buf), "甲乙丙丁戊|己",
              "squeeze: no punctuation, an ordinary break");
    {
        pxr_lb_line *lines;
        size_t n;
        const char *t = "改善就医感，受提升";
        pxr_lb_break_mode(t, strlen(t), 5, 0, PXR_LB_HANG, fixed_width, NULL, &lines, &n);
        CHECK(n == 2 && lines[0].hang == 1.0 && lines[0].width == 6.0 && lines[0].nchars == 6 &&
                  lines[1].hang == 0 && lines[1].last,
              "hang: the hung mark's width is reported");
        free(lines);
        t = "甲，乙。丙丁，戊";
        pxr_lb_break_mode(t, strlen(t), 6, 0, PXR_LB_SQUEEZE, fixed_width, NULL, &lines, &n);
        CHECK(n == 2 && lines[0].width == 7.0 && lines[0].hang == 0,
              "squeeze: the line is one em over, for the renderer to close up");
        free(lines);
    }
    for (int w = 3; w <= 12; w++) {
        char name[64];
        for (int mode = PXR_LB_HANG; mode <= PXR_LB_SQUEEZE; mode++) {
            pxr_lb_line *lines;
            size_t n;
            const char *t = "（一）提升患者体验，改善“就医感受”。预约诊疗率≥90%，平均等待时间"
                            "（分钟）：15.5……再——议《通知》。甲，乙。丙丁，戊、己；庚：辛。";
            int ok =
                pxr_lb_break_mode(t, strlen(t), w, 0, mode, fixed_width, NULL, &lines, &n) == 0;
            for (size_t i = 0; ok && i < n; i++) {
                uint32_t first, last = 0;
                size_t q = lines[i].start;
                pxr_utf8_decode(t + q, lines[i].end - q, &first);
                while (q < lines[i].end)
                    q += pxr_utf8_decode(t + q, lines[i].end - q, &last);
                /* over the measure only by the hung mark, or by at most half of each mark */
                ok = !pxr_lb_no_start(first) && !pxr_lb_no_end(last) &&
                     lines[i].width - lines[i].hang <= w + (mode == PXR_LB_SQUEEZE ? 1.5 : 0);
            }
            free(lines);
            snprintf(name, sizeof name, "避头尾 holds with %s at width %d",
                     mode == PXR_LB_HANG ? "hanging" : "squeezing", w);
            CHECK(ok, name);
        }
    }

    {
        pxr_lb_line *lines;
        size_t n;
        const char *t = "甲乙丙丁戊己庚";
        pxr_lb_break(t, strlen(t), 3, 0, fixed_width, NULL, &lines, &n);
        CHECK(n == 3 && lines[0].nchars == 3 && lines[0].width == 3.0 && !lines[0].last &&
                  lines[2].last && lines[2].nchars == 1,
              "line widths, character counts and the last-line flag");
        free(lines);
    }
    return check_done();
}
