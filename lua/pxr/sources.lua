-- pxr.sources: the policy documents the plugins quote, as a reader would cite them.
--
-- pxr quotes policies; it does not republish them.  Each catalog entry carries
-- the sentence it is taken from and names one of these records in its `source`
-- column (the record's `cite`).  Fields a document does not print are left out
-- rather than guessed: a record says where its issuer or date is an inference.
--
--   title   the document's own title
--   issuer  who issued it
--   number  its 文号, where it prints one
--   date    its date as printed (成文日期, or 发布日期 where that is all there is)
--   basis   the document(s) it implements
--   via     where pxr's wording was taken from, when not from the document itself
--   find    a phrase that identifies the document's text (make check-sources)
local M = {}

local function cite(r)
  return "《" .. r.title .. "》" .. (r.number and ("（" .. r.number .. "）") or "")
end

M.nhc2016 = {
  title = "2016年深入落实进一步改善医疗服务行动计划重点工作方案",
  issuer = "国家卫生计生委",
  issuer_note = "方案未载发文机关：文中自称“我委”，汇总表报送“我委医政医管局”，故作国家卫生计生委",
  basis = "国卫医发〔2015〕2号、国卫办医发〔2015〕33号",
  find = "2016年深入落实进一步改善医疗服务",
}

M.nhc2023 = {
  title = "关于开展改善就医感受提升患者体验主题活动的通知",
  issuer = "国家卫生健康委、国家中医药管理局",
  number = "国卫医政发〔2023〕11号",
  via = "通知原文未能取得，措辞取自报纸报道《国家卫健委、国家中医药管理局发布20条举措　改善就医感受"
    .. "　提升患者体验》（本报记者熊建）；报道对部分举措仅略提及，所缺标题取自内蒙古自治区实施方案",
  find = "发布20条举措",
}

M.innermongolia2023 = {
  title = "内蒙古自治区改善就医感受提升患者体验主题活动实施方案（2023-2025年）",
  issuer = "内蒙古自治区卫生健康委",
  issuer_note = "方案未载发文机关和文号；据“三、工作安排”，由自治区卫生健康行政部门制定",
  basis = "国卫医政发〔2023〕11号",
  find = "内蒙古自治区改善就医感受提升患者体验",
}

M.shanghai2023 = {
  title = "上海市改善就医感受提升患者体验主题活动实施方案（2023-2025年）",
  issuer = "上海市卫生健康委员会、上海市中医药管理局、上海市卫生健康系统精神文明建设委员会",
  date = "2023年7月10日",  -- the signing date the document prints
  published = "2023-07-17",
  basis = "国卫医政发〔2023〕11号",
  find = "上海市改善就医感受提升患者体验主题活动实施方案",
}

M.wuyuan2021 = {
  title = "婺源县妇幼保健院改善群众就医体验主题活动实施方案（2021-2023年）",
  issuer = "婺源县妇幼保健院",
  number = "婺妇幼字〔2021〕58号",
  basis = "党史学习教育“我为群众办实事”实践活动要求",  -- "根据…要求": no 文号
  find = "婺妇幼字〔2021〕58号",
}

for key, r in pairs(M) do
  r.key = key
  r.cite = cite(r)
end

-- "文号：…；依据：…": a plan's own 文号 and the document(s) it implements, each with
-- its label, as catalogs and reports print them (from a plugin or a record).
function M.labels(r)
  return "文号：" .. (r.number or "（文件未载明）") .. "；依据：" .. (r.basis or "（文件未载明）")
end

-- The record a cite string names, or nil.
function M.by_cite(s)
  for _, r in pairs(M) do
    if type(r) == "table" and r.cite == s then return r end
  end
  return nil
end

return M
