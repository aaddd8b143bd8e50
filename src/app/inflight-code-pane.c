/* inflight-code-pane.c
 * The code of the strategy that ran, as text a learner can select and a screen reader reads,
 * coloured from the theme, with a cursor for each thread at the sequence view's playhead.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-code-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "inflight-code-pane.h"
#include "inflight-widget-style.h"

#define N_LANE_COLORS 6

struct _InflightCodePane
{
  GtkWidget             parent_instance;

  GtkWidget            *box;
  GtkLabel             *note;
  GtkToggleButton      *languages[INFLIGHT_N_LANGUAGES];
  GtkToggleButton      *recording;
  GtkTextView          *text;
  GtkLabel             *status;

  InflightSequenceView *view;
  gulong                playhead_handler;
  gulong                trace_handler;

  InflightStrategy      strategy;
  gboolean              has_strategy;
  InflightListing      *listing;
  GArray               *shown;        /* buffer line → listing line */
  char                 *cursors;      /* what the cursors say now, one lane a line */
  GtkTextTag           *lane_tags[N_LANE_COLORS];
  GtkTextTag           *lane_notes[N_LANE_COLORS];
  InflightDiagramStyle  style;
  gboolean              style_ready;
  guint                 scroll_idle;
  guint                 cursor_idle;
};

G_DEFINE_FINAL_TYPE (InflightCodePane, inflight_code_pane, GTK_TYPE_WIDGET)

static const char * const c_keywords[] = {
  "for", "while", "if", "else", "return", "continue", "break", "static", "const", "struct",
  "guint", "gint", "gint64", "gpointer", "gboolean", "void", "char", "NULL", "TRUE", "FALSE", NULL
};
static const char * const py_keywords[] = {
  "for", "while", "if", "else", "return", "def", "async", "await", "import", "from", "with", "as",
  "in", "not", "None", "True", "False", "break", "lambda", NULL
};
static const char * const js_keywords[] = {
  "for", "while", "if", "else", "return", "function", "async", "await", "const", "let", "new",
  "of", "require", "true", "false", "null", NULL
};

static void
on_language_selected_cb (InflightCodePane *self,
                         GtkToggleButton  *button);
static void
on_recording_toggled_cb (InflightCodePane *self);

static GdkRGBA
rgba (const InflightColor *c,
      double               alpha)
{
  GdkRGBA out = { c->red, c->green, c->blue, alpha };

  return out;
}

static const InflightColor *
lane_color (InflightCodePane *self,
            guint             index)
{
  const InflightColor *colors[N_LANE_COLORS] = {
    &self->style.request, &self->style.reply, &self->style.working,
    &self->style.error, &self->style.waiting, &self->style.frozen,
  };

  return colors[index % N_LANE_COLORS];
}

/* The tags carry the theme's colours: made again whenever the theme changes. */
static void
update_tags (InflightCodePane *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  struct { const char *name; const InflightColor *color; int weight; } syntax[] = {
    { "keyword", &self->style.request, PANGO_WEIGHT_BOLD },
    { "string", &self->style.reply, PANGO_WEIGHT_NORMAL },
    { "call", &self->style.foreground, PANGO_WEIGHT_BOLD },
    { "comment", &self->style.dim, PANGO_WEIGHT_NORMAL },
    { "recording", &self->style.dim, PANGO_WEIGHT_NORMAL },
  };

  if (self->style_ready)
    inflight_diagram_style_clear (&self->style);
  inflight_diagram_style_init_for_widget (&self->style, GTK_WIDGET (self));
  self->style_ready = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (syntax); i++)
    {
      GtkTextTag *tag = gtk_text_tag_table_lookup (table, syntax[i].name);
      GdkRGBA color = rgba (syntax[i].color, 1);

      if (tag == NULL)
        tag = gtk_text_buffer_create_tag (buffer, syntax[i].name, NULL);
      g_object_set (tag, "foreground-rgba", &color, "weight", syntax[i].weight, NULL);
      if (g_str_equal (syntax[i].name, "recording") || g_str_equal (syntax[i].name, "comment"))
        g_object_set (tag, "style", PANGO_STYLE_ITALIC, NULL);
    }

  for (guint i = 0; i < N_LANE_COLORS; i++)
    {
      GdkRGBA back = rgba (lane_color (self, i), self->style.high_contrast ? 0.45 : 0.22);
      GdkRGBA fore = rgba (lane_color (self, i), 1);

      if (self->lane_tags[i] == NULL)
        {
          self->lane_tags[i] = gtk_text_buffer_create_tag (buffer, NULL, "paragraph-background-rgba", &back, NULL);
          self->lane_notes[i] = gtk_text_buffer_create_tag (buffer, NULL, "weight", PANGO_WEIGHT_BOLD, NULL);
        }
      g_object_set (self->lane_tags[i], "paragraph-background-rgba", &back, NULL);
      g_object_set (self->lane_notes[i], "foreground-rgba", self->style.high_contrast ? NULL : &fore, NULL);
    }
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '_';
}

/* A light colouring by words: enough to read the shape of the code, never to parse it. */
static void
colour_line (InflightCodePane *self,
             GtkTextIter      *start,
             const char       *line)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text);
  InflightLanguage language = self->listing->language;
  const char * const *keywords = language == INFLIGHT_LANGUAGE_C ? c_keywords
                               : language == INFLIGHT_LANGUAGE_PYTHON ? py_keywords : js_keywords;
  const char *comment = language == INFLIGHT_LANGUAGE_PYTHON ? "#" : "//";
  guint line_no = gtk_text_iter_get_line (start);
  const char *p = line;

  while (*p != '\0')
    {
      const char *q = p;
      const char *tag = NULL;

      if (g_str_has_prefix (p, comment) || (language == INFLIGHT_LANGUAGE_C && g_str_has_prefix (p, "/*")))
        {
          q = p + strlen (p);
          tag = "comment";
        }
      else if (*p == '"' || *p == '\'' || *p == '`')
        {
          char quote = *p;

          for (q = p + 1; *q != '\0' && *q != quote; q++)
            if (*q == '\\' && q[1] != '\0')
              q++;
          if (*q != '\0')
            q++;
          tag = "string";
        }
      else if (is_word_char (g_utf8_get_char (p)))
        {
          g_autofree char *word = NULL;

          while (*q != '\0' && is_word_char (g_utf8_get_char (q)))
            q = g_utf8_next_char (q);
          word = g_strndup (p, q - p);
          if (g_strv_contains (keywords, word))
            tag = "keyword";
          else if (language == INFLIGHT_LANGUAGE_C && (g_str_has_prefix (word, "g_")))
            tag = "call";
        }
      else
        q = g_utf8_next_char (p);

      if (tag != NULL)
        {
          GtkTextIter a, b;

          gtk_text_buffer_get_iter_at_line_offset (buffer, &a, line_no, g_utf8_pointer_to_offset (line, p));
          gtk_text_buffer_get_iter_at_line_offset (buffer, &b, line_no, g_utf8_pointer_to_offset (line, q));
          gtk_text_buffer_apply_tag_by_name (buffer, tag, &a, &b);
        }
      p = q;
    }
}

static InflightTraceSnapshot *
current_snapshot (InflightCodePane *self)
{
  InflightTraceSnapshot *snap;

  if (self->view == NULL)
    return NULL;
  snap = inflight_sequence_view_get_snapshot (self->view);

  return snap != NULL ? inflight_trace_snapshot_ref (snap) : NULL;
}

/* Once the new text is laid out: the first cursor in sight. */
static gboolean
scroll_to_cursor_cb (gpointer data)
{
  InflightCodePane *self = data;
  GtkTextMark *mark = gtk_text_buffer_get_mark (gtk_text_view_get_buffer (self->text), "cursor");

  self->scroll_idle = 0;
  if (mark != NULL)
    gtk_text_view_scroll_to_mark (self->text, mark, 0.1, FALSE, 0, 0);

  return G_SOURCE_REMOVE;
}

/* Writes the listing into the buffer, each cursor after its line, in its lane's colour. */
static void
rebuild (InflightCodePane *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree GPtrArray **notes = NULL;
  g_autofree guint *note_lane = NULL;
  gboolean show_recording;
  gint64 at = 0;
  int first_cursor_line = -1;
  GtkTextIter iter;

  g_array_set_size (self->shown, 0);
  gtk_text_buffer_set_text (buffer, "", 0);
  if (self->listing == NULL)
    {
      g_clear_pointer (&self->cursors, g_free);
      gtk_label_set_text (self->status, "");
      return;
    }

  show_recording = gtk_toggle_button_get_active (self->recording);
  notes = g_new0 (GPtrArray *, self->listing->n_lines);
  note_lane = g_new0 (guint, self->listing->n_lines);
  snap = current_snapshot (self);
  if (snap != NULL)
    at = inflight_sequence_view_get_playhead (self->view);

  for (guint lane = 0; snap != NULL && lane < snap->n_lanes; lane++)
    {
      InflightCodeCursor cursor;
      int line;

      if (!inflight_code_cursor_at (snap, lane, at, &cursor))
        continue;
      line = inflight_listing_find_point (self->listing, cursor.point);
      if (line < 0)
        continue;
      if (notes[line] == NULL)
        {
          notes[line] = g_ptr_array_new_with_free_func (g_free);
          note_lane[line] = lane;
        }
      g_ptr_array_add (notes[line], inflight_code_cursor_describe (snap, lane, &cursor));
    }

  gtk_text_buffer_get_start_iter (buffer, &iter);
  for (guint i = 0; i < self->listing->n_lines; i++)
    {
      const InflightListingLine *line = &self->listing->lines[i];
      GtkTextIter line_start;
      int offset;

      if (line->kind == INFLIGHT_LINE_RECORDING && !show_recording)
        {
          g_clear_pointer (&notes[i], g_ptr_array_unref);
          continue;
        }

      offset = gtk_text_iter_get_offset (&iter);
      gtk_text_buffer_insert (buffer, &iter, line->text, -1);
      gtk_text_buffer_get_iter_at_offset (buffer, &line_start, offset);
      if (line->kind == INFLIGHT_LINE_RECORDING)
        gtk_text_buffer_apply_tag_by_name (buffer, "recording", &line_start, &iter);
      else if (line->kind == INFLIGHT_LINE_COMMENT)
        gtk_text_buffer_apply_tag_by_name (buffer, "comment", &line_start, &iter);
      else
        colour_line (self, &line_start, line->text);

      if (notes[i] != NULL)
        {
          guint tag = note_lane[i] % N_LANE_COLORS;

          for (guint j = 0; j < notes[i]->len; j++)
            {
              const char *note = notes[i]->pdata[j];
              g_autofree char *where = g_strdup_printf (_("%s, line %u"), note, self->shown->len + 1);

              gtk_text_buffer_insert_with_tags (buffer, &iter, j == 0 ? "    ◀ " : "; ", -1,
                                                self->lane_notes[tag], NULL);
              gtk_text_buffer_insert_with_tags (buffer, &iter, note, -1, self->lane_notes[tag], NULL);
              g_string_append_printf (summary, "%s%s", summary->len > 0 ? "\n" : "", where);
            }
          gtk_text_buffer_get_iter_at_offset (buffer, &line_start, offset);
          gtk_text_buffer_apply_tag (buffer, self->lane_tags[tag], &line_start, &iter);
          if (first_cursor_line < 0)
            first_cursor_line = (int) self->shown->len;
          g_ptr_array_unref (notes[i]);
        }
      g_array_append_val (self->shown, i);
      gtk_text_buffer_insert (buffer, &iter, "\n", 1);
    }

  /* The first cursor in sight, without moving when it is shown already. */
  if (first_cursor_line >= 0)
    {
      GtkTextMark *mark;

      gtk_text_buffer_get_iter_at_line (buffer, &iter, first_cursor_line);
      mark = gtk_text_buffer_get_mark (buffer, "cursor");
      if (mark == NULL)
        mark = gtk_text_buffer_create_mark (buffer, "cursor", &iter, TRUE);
      else
        gtk_text_buffer_move_mark (buffer, mark, &iter);
      if (self->scroll_idle == 0)
        self->scroll_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, scroll_to_cursor_cb, self, NULL);
    }

  /* What a screen reader hears as the cursors move: the status line and the text's description. */
  if (g_strcmp0 (self->cursors, summary->str) != 0)
    {
      g_free (self->cursors);
      self->cursors = g_strdup (summary->str);
      gtk_label_set_text (self->status, summary->str);
      gtk_widget_set_visible (GTK_WIDGET (self->status), summary->len > 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->text),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary->str, -1);
    }
}

/* The cursors move often; the text is written again only when one of them has moved. */
static char *
cursor_key (InflightCodePane *self)
{
  g_autoptr(InflightTraceSnapshot) snap = current_snapshot (self);
  g_autoptr(GString) key = g_string_new (NULL);
  gint64 at;

  if (snap == NULL)
    return g_strdup ("");

  at = inflight_sequence_view_get_playhead (self->view);
  for (guint lane = 0; lane < snap->n_lanes; lane++)
    {
      InflightCodeCursor cursor;

      if (inflight_code_cursor_at (snap, lane, at, &cursor))
        g_string_append_printf (key, "%u:%u:%u:%d;", lane, cursor.point, cursor.request, cursor.blocked);
    }

  return g_string_free (g_steal_pointer (&key), FALSE);
}

static void
update_cursors (InflightCodePane *self)
{
  static GQuark key_quark;
  g_autofree char *key = cursor_key (self);
  const char *last;

  if (key_quark == 0)
    key_quark = g_quark_from_static_string ("inflight-code-pane-cursor-key");
  last = g_object_get_qdata (G_OBJECT (self), key_quark);
  if (g_strcmp0 (last, key) == 0)
    return;
  g_object_set_qdata_full (G_OBJECT (self), key_quark, g_steal_pointer (&key), g_free);
  rebuild (self);
}

static gboolean
update_cursors_cb (gpointer data)
{
  InflightCodePane *self = data;

  self->cursor_idle = 0;
  update_cursors (self);

  return G_SOURCE_REMOVE;
}

/* The playhead may move in the middle of a frame's layout: the text is changed after it, and
 * still before the frame is drawn. */
static void
on_playhead_cb (InflightCodePane *self)
{
  if (self->cursor_idle == 0)
    self->cursor_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, update_cursors_cb, self, NULL);
}

static void
reload (InflightCodePane *self)
{
  g_autoptr(GError) error = NULL;
  InflightLanguage language = inflight_code_pane_get_language (self);

  g_clear_pointer (&self->listing, inflight_listing_free);
  if (self->has_strategy && language < INFLIGHT_N_LANGUAGES)
    {
      self->listing = inflight_listing_load (self->strategy, language, &error);
      if (self->listing == NULL)
        g_debug ("No listing for %s: %s", inflight_strategy_to_string (self->strategy), error->message);
    }

  gtk_label_set_text (self->note, language == INFLIGHT_LANGUAGE_C
                      ? _("The C that ran, from the app’s own source")
                      : _("The same pattern, written by hand: the C is what ran"));
  rebuild (self);
}

static void
on_language_selected_cb (InflightCodePane *self,
                         GtkToggleButton  *button)
{
  /* Each switch of language toggles two buttons: the one turned on reloads. */
  if (gtk_toggle_button_get_active (button))
    reload (self);
}

static void
on_recording_toggled_cb (InflightCodePane *self)
{
  rebuild (self);
}

/* A click on a line (not a drag to select) moves the playhead to the next moment a thread reaches it. */
static void
on_text_released_cb (GtkGestureClick  *gesture,
                     int               n_press,
                     double            x,
                     double            y,
                     InflightCodePane *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text);
  GtkTextIter iter;
  int bx, by;

  if (n_press != 1 || gtk_text_buffer_get_has_selection (buffer))
    return;

  gtk_text_view_window_to_buffer_coords (self->text, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text, &iter, bx, by))
    return;
  inflight_code_pane_activate_line (self, gtk_text_iter_get_line (&iter));
}

static void
inflight_code_pane_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  InflightCodePane *self = INFLIGHT_CODE_PANE (widget);

  GTK_WIDGET_CLASS (inflight_code_pane_parent_class)->css_changed (widget, change);
  update_tags (self);
  /* The tags recolour the text in place; the text itself is written again after the layout. */
  if (self->scroll_idle == 0 && self->cursor_idle == 0)
    self->cursor_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, update_cursors_cb, self, NULL);
}

static void
inflight_code_pane_dispose (GObject *object)
{
  InflightCodePane *self = INFLIGHT_CODE_PANE (object);

  g_clear_handle_id (&self->scroll_idle, g_source_remove);
  g_clear_handle_id (&self->cursor_idle, g_source_remove);
  inflight_code_pane_set_view (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), INFLIGHT_TYPE_CODE_PANE);

  G_OBJECT_CLASS (inflight_code_pane_parent_class)->dispose (object);
}

static void
inflight_code_pane_finalize (GObject *object)
{
  InflightCodePane *self = INFLIGHT_CODE_PANE (object);

  g_clear_pointer (&self->listing, inflight_listing_free);
  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_pointer (&self->cursors, g_free);
  if (self->style_ready)
    inflight_diagram_style_clear (&self->style);

  G_OBJECT_CLASS (inflight_code_pane_parent_class)->finalize (object);
}

static void
inflight_code_pane_class_init (InflightCodePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inflight_code_pane_dispose;
  object_class->finalize = inflight_code_pane_finalize;
  widget_class->css_changed = inflight_code_pane_css_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/inflight/Inflight/ui/inflight-code-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, InflightCodePane, box);
  gtk_widget_class_bind_template_child (widget_class, InflightCodePane, note);
  gtk_widget_class_bind_template_child_full (widget_class, "language_c", FALSE,
                                             G_STRUCT_OFFSET (InflightCodePane, languages[INFLIGHT_LANGUAGE_C]));
  gtk_widget_class_bind_template_child_full (widget_class, "language_python", FALSE,
                                             G_STRUCT_OFFSET (InflightCodePane, languages[INFLIGHT_LANGUAGE_PYTHON]));
  gtk_widget_class_bind_template_child_full (widget_class, "language_js", FALSE,
                                             G_STRUCT_OFFSET (InflightCodePane, languages[INFLIGHT_LANGUAGE_JAVASCRIPT]));
  gtk_widget_class_bind_template_child (widget_class, InflightCodePane, recording);
  gtk_widget_class_bind_template_child (widget_class, InflightCodePane, text);
  gtk_widget_class_bind_template_child (widget_class, InflightCodePane, status);
  gtk_widget_class_bind_template_callback (widget_class, on_language_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_recording_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "codepane");
}

static void
inflight_code_pane_init (InflightCodePane *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (on_text_released_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->text), GTK_EVENT_CONTROLLER (click));

  update_tags (self);
  reload (self);
}

GtkWidget *
inflight_code_pane_new (void)
{
  return g_object_new (INFLIGHT_TYPE_CODE_PANE, NULL);
}

/**
 * inflight_code_pane_set_view:
 * @view: (nullable): the sequence view whose playhead the cursors follow
 */
void
inflight_code_pane_set_view (InflightCodePane     *self,
                             InflightSequenceView *view)
{
  g_return_if_fail (INFLIGHT_IS_CODE_PANE (self));

  if (self->view == view)
    return;

  if (self->view != NULL)
    {
      g_clear_signal_handler (&self->playhead_handler, self->view);
      g_clear_signal_handler (&self->trace_handler, self->view);
      g_clear_weak_pointer (&self->view);
    }

  if (view != NULL)
    {
      g_set_weak_pointer (&self->view, view);
      self->playhead_handler = g_signal_connect_object (view, "notify::playhead", G_CALLBACK (on_playhead_cb),
                                                        self, G_CONNECT_SWAPPED);
      self->trace_handler = g_signal_connect_object (view, "notify::trace", G_CALLBACK (on_playhead_cb),
                                                     self, G_CONNECT_SWAPPED);
    }

  update_cursors (self);
}

void
inflight_code_pane_set_strategy (InflightCodePane *self,
                                 InflightStrategy  strategy)
{
  g_return_if_fail (INFLIGHT_IS_CODE_PANE (self));

  if (self->has_strategy && self->strategy == strategy)
    return;

  self->strategy = strategy;
  self->has_strategy = TRUE;
  reload (self);
}

void
inflight_code_pane_set_language (InflightCodePane *self,
                                 InflightLanguage  language)
{
  g_return_if_fail (INFLIGHT_IS_CODE_PANE (self));
  g_return_if_fail (language < INFLIGHT_N_LANGUAGES);

  gtk_toggle_button_set_active (self->languages[language], TRUE);
}

InflightLanguage
inflight_code_pane_get_language (InflightCodePane *self)
{
  g_return_val_if_fail (INFLIGHT_IS_CODE_PANE (self), INFLIGHT_LANGUAGE_C);

  for (guint i = 0; i < INFLIGHT_N_LANGUAGES; i++)
    if (gtk_toggle_button_get_active (self->languages[i]))
      return i;

  return INFLIGHT_LANGUAGE_C;
}

void
inflight_code_pane_set_show_recording (InflightCodePane *self,
                                       gboolean          show)
{
  g_return_if_fail (INFLIGHT_IS_CODE_PANE (self));

  gtk_toggle_button_set_active (self->recording, show);
}

/**
 * inflight_code_pane_get_text:
 *
 * Returns: (transfer full): the text shown, cursors included
 */
char *
inflight_code_pane_get_text (InflightCodePane *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (INFLIGHT_IS_CODE_PANE (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/**
 * inflight_code_pane_get_cursors:
 *
 * Returns: (nullable): each cursor, "lane: what it does, line n", one a line
 */
const char *
inflight_code_pane_get_cursors (InflightCodePane *self)
{
  g_return_val_if_fail (INFLIGHT_IS_CODE_PANE (self), NULL);

  return self->cursors;
}

/**
 * inflight_code_pane_activate_line:
 * @line: a line of the text shown, from 0
 *
 * Moves the playhead to the next moment after it that a thread reaches @line.
 *
 * Returns: whether the playhead moved
 */
gboolean
inflight_code_pane_activate_line (InflightCodePane *self,
                                  guint             line)
{
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  const InflightListingLine *listed;
  gint64 now, best = -1;

  g_return_val_if_fail (INFLIGHT_IS_CODE_PANE (self), FALSE);

  if (self->listing == NULL || line >= self->shown->len || (snap = current_snapshot (self)) == NULL)
    return FALSE;

  listed = &self->listing->lines[g_array_index (self->shown, guint, line)];
  now = inflight_sequence_view_get_playhead (self->view);
  for (guint point = 1; point < INFLIGHT_CODE_N_POINTS; point++)
    {
      gint64 at;

      if ((listed->points & (1u << point)) == 0 || !inflight_code_next_reach (snap, point, now, &at, NULL))
        continue;
      /* The soonest after now; if every one is behind, the earliest of all. */
      if (best < 0 || (at > now && (best <= now || at < best)) || (at <= now && best <= now && at < best))
        best = at;
    }

  if (best < 0)
    return FALSE;

  inflight_sequence_view_set_playing (self->view, FALSE);
  inflight_sequence_view_set_playhead (self->view, best);

  return TRUE;
}
