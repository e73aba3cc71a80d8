-- A rare name character outside the BMP (U+20BB7 𠮷) is substituted with 〓 and warned about.
return {
  kind = "document", title = "非基本平面字符",
  body = {
    { kind = "paragraph", text = "患者姓名：𠮷祥（U+20BB7），应替换并警告。" },
    { kind = "kv", items = { { "姓名", "𠮷某" }, { "科室", "妇产科" } } },
  },
}
