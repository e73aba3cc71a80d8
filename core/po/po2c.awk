# Turns a gettext .po file into C initialisers { "msgid", "msgstr" }, for core/messages.c.
# The .po strings are C string literals already; untranslated and fuzzy entries are left out.
function flush() {
    if (id != "" && id != "\"\"" && str != "" && str != "\"\"" && !fuzzy)
        printf "    {%s,\n     %s},\n", id, str
    id = ""; str = ""; state = 0; fuzzy = 0
}
/^#,.*fuzzy/ { fuzzy = 1; next }
/^#/ { next }
/^msgid / { if (state) flush(); sub(/^msgid /, ""); id = $0; state = 1; next }
/^msgstr / { sub(/^msgstr /, ""); str = $0; state = 2; next }
/^"/ { if (state == 1) id = id " " $0; else if (state == 2) str = str " " $0; next }
/^[ \t]*$/ { if (state) flush(); next }
END { if (state) flush() }
