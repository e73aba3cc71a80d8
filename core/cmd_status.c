/* pxr status: who has reported for a period, on time or late, and how completely. */
#include "cli.h"

int pxr_cmd_status(pxr_cli *cli, int argc, char **argv)
{
    (void)cli, (void)argc, (void)argv;
    return PXR_EINTERNAL;
}
