/* main.c
 * The entry point of Inflight.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "inflight-cli.h"

int
main (int   argc,
      char *argv[])
{
  return inflight_cli_main (argc, argv);
}
