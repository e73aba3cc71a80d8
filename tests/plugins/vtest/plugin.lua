-- A plugin for tests/cli/validate.sh: indicators and rules with hand-computed outcomes.
return {
  id = "vtest", title = "校验测试", span = "2023-2024",
  indicators = {
    { code = "TV_A", name = "甲数", type = "count", unit = "人" },
    { code = "TV_B", name = "乙数", type = "count", unit = "人" },
    { code = "TV_R", name = "分娩镇痛率（测试）", type = "rate", unit = "%", applicability = "obstetrics" },
  },
  validation_rules = {
    { code = "R1", name = "甲不多于乙", left = "TV_A", operator = "<=", right = "TV_B",
      missing = "skip_if_any", importance = "high" },
    { code = "R2", name = "甲加乙不少于十", left = "TV_A + TV_B", operator = ">=", right = "10",
      missing = "never", importance = "low" },
  },
}
