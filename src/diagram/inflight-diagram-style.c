/* inflight-diagram-style.c
 * The diagram's palettes: light, dark and high contrast, close to the GNOME colours.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram-style"

#include "config.h"

#include <string.h>

#include "inflight-diagram-style.h"

/* Working is blue and waiting is orange: a pair that stays apart for
 * every common kind of colour blindness, and waiting is hatched besides. */

static InflightColor
rgb (guint32 hex)
{
  InflightColor color;

  color.red = ((hex >> 16) & 0xff) / 255.0;
  color.green = ((hex >> 8) & 0xff) / 255.0;
  color.blue = (hex & 0xff) / 255.0;
  color.alpha = 1.0;

  return color;
}

/* Overwrites without freeing, so that an uninitialised struct is fine. */
static void
style_reset (InflightDiagramStyle *style)
{
  memset (style, 0, sizeof *style);
  style->font_family = NULL;
  style->font_size = 10.0;
  style->line_width = 1.0;
  style->high_contrast = FALSE;
}

/**
 * inflight_diagram_style_init_light:
 *
 * Fills @style with the light palette.
 * Overwrites @style: clear it first if it was filled before.
 */
void
inflight_diagram_style_init_light (InflightDiagramStyle *style)
{
  g_return_if_fail (style != NULL);

  style_reset (style);
  style->background = rgb (0xfafafa);
  style->foreground = rgb (0x2e2e33);
  style->dim = rgb (0x77767b);
  style->working = rgb (0x3584e4);
  style->waiting = rgb (0xe66100);
  style->idle = rgb (0xaaa9a6);
  style->down = rgb (0x5e5c64);
  style->frozen = rgb (0x9141ac);
  style->request = rgb (0x1a5fb4);
  style->reply = rgb (0x26a269);
  style->error = rgb (0xe01b24);
  style->playhead = rgb (0xc01c6f);
}

/**
 * inflight_diagram_style_init_dark:
 *
 * Fills @style with the dark palette.
 * Overwrites @style: clear it first if it was filled before.
 */
void
inflight_diagram_style_init_dark (InflightDiagramStyle *style)
{
  g_return_if_fail (style != NULL);

  style_reset (style);
  style->background = rgb (0x242424);
  style->foreground = rgb (0xeeeeec);
  style->dim = rgb (0x9a9996);
  style->working = rgb (0x62a0ea);
  style->waiting = rgb (0xffa348);
  style->idle = rgb (0x6e6d71);
  style->down = rgb (0x9a9996);
  style->frozen = rgb (0xc061cb);
  style->request = rgb (0x99c1f1);
  style->reply = rgb (0x57e389);
  style->error = rgb (0xff6b5f);
  style->playhead = rgb (0xf27cb5);
}

/**
 * inflight_diagram_style_init_high_contrast:
 * @dark: white on black rather than black on white
 *
 * Fills @style with strong colours and thicker lines.
 * Overwrites @style: clear it first if it was filled before.
 */
void
inflight_diagram_style_init_high_contrast (InflightDiagramStyle *style,
                                           gboolean              dark)
{
  g_return_if_fail (style != NULL);

  style_reset (style);
  style->line_width = 2.0;
  style->high_contrast = TRUE;

  if (dark)
    {
      style->background = rgb (0x000000);
      style->foreground = rgb (0xffffff);
      style->dim = rgb (0xdedede);
      style->working = rgb (0x4da3ff);
      style->waiting = rgb (0xffb000);
      style->idle = rgb (0xc0c0c0);
      style->down = rgb (0xc0c0c0);
      style->frozen = rgb (0xe27dff);
      style->request = rgb (0xffffff);
      style->reply = rgb (0x5dff8a);
      style->error = rgb (0xff5050);
      style->playhead = rgb (0xff4fd8);
    }
  else
    {
      style->background = rgb (0xffffff);
      style->foreground = rgb (0x000000);
      style->dim = rgb (0x1e1e1e);
      style->working = rgb (0x0045b5);
      style->waiting = rgb (0xb34700);
      style->idle = rgb (0x555555);
      style->down = rgb (0x303030);
      style->frozen = rgb (0x6a0dad);
      style->request = rgb (0x000000);
      style->reply = rgb (0x006b2e);
      style->error = rgb (0xc00000);
      style->playhead = rgb (0xb0005a);
    }
}

/**
 * inflight_diagram_style_clear:
 *
 * Frees what @style holds and leaves it zeroed, ready to be filled again.
 */
void
inflight_diagram_style_clear (InflightDiagramStyle *style)
{
  g_return_if_fail (style != NULL);

  g_clear_pointer (&style->font_family, g_free);
  memset (style, 0, sizeof *style);
}
