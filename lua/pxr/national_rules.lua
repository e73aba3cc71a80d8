-- Validation rules over the 27 national evaluation indicators (pxr.validate reads them
-- from a plugin's validation_rules).  The seeds state no validation rules; these follow
-- from the indicators' definitions alone: two rates over the same population must
-- share their denominator within an institution and period.
return {
  { code = "NR01", name = "出院患者数一致：当日结算率与随访比例的分母",
    left = "EI19.denominator", operator = "==", right = "EI21.denominator",
    missing = "skip_if_any", importance = "medium",
    note = "出院患者当日结算率 and 出院患者随访比例 are both over the period's discharged patients" },
  { code = "NR02", name = "病区总数一致：责任制整体护理与延续性护理病区占比的分母",
    left = "EI18.denominator", operator = "==", right = "EI22.denominator",
    missing = "skip_if_any", importance = "medium",
    note = "开展责任制整体护理的病区占比 and 提供延续性护理服务的病区占比 are both over all wards" },
}
