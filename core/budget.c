#include "budget.h"

static size_t budget_limit, outside;
static const size_t *lua_bytes;

void pxr_budget_set(size_t limit, const size_t *lua_used)
{
    budget_limit = limit;
    lua_bytes = lua_used;
}

size_t pxr_budget_limit(void)
{
    return budget_limit;
}

size_t pxr_budget_outside_lua(void)
{
    return outside;
}

int pxr_budget_fits(size_t n)
{
    size_t lua = lua_bytes ? *lua_bytes : 0;
    return !budget_limit || (n <= budget_limit && outside + lua <= budget_limit - n);
}

int pxr_budget_charge(size_t n)
{
    if (!pxr_budget_fits(n))
        return -1;
    outside += n;
    return 0;
}

void pxr_budget_add(size_t n)
{
    outside += n;
}

void pxr_budget_release(size_t n)
{
    outside -= n < outside ? n : outside;
}
