/* test-experiment-fuzz.c
 * Damaged experiment files: thousands of seeded mutations of good ones, each either read or
 * refused in one line that starts with the file's name; and some through the command line itself.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "inflight-cli.h"
#include "inflight-experiment.h"

#define N_MUTATIONS     10000
#define N_COMMAND_LINES 50
#define NAME            "fuzz.inflight"

static InflightTraceSnapshot *
make_trace (guint events)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  gint64 t = 0;

  inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_QUEUE, "Queue; of requests");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_WORKER, "Worker 1");
  for (guint i = 0; i < events; i++, t += 1000)
    {
      switch (i % 4)
        {
        case 0:
          inflight_trace_append_span (trace, i % 3, i % 2, INFLIGHT_SPAN_WORKING + i % 6, t, t + 5000);
          break;
        case 1:
          inflight_trace_append_message (trace, i / 4 + 1, INFLIGHT_MESSAGE_REQUEST + i % 8, 0, 2, t,
                                         i % 3 == 0 ? INFLIGHT_TIME_NONE : t + 2500);
          break;
        case 2:
          inflight_trace_append_mark (trace, 1, t, i % 8 == 2 ? "retry; again" : "future resolved");
          break;
        default:
          inflight_trace_append_step (trace, 2, t, 1 + i % 5, i / 4);
          break;
        }
    }
  inflight_trace_set_duration (trace, t + 6000);

  return inflight_trace_snapshot (trace);
}

/* The good files the mutations start from: with and without traces, one to four panes. */
static GPtrArray *
good_files (void)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(InflightExperiment) slow = inflight_experiment_new_preset ("slow-service");
  g_autoptr(InflightExperiment) flaky = inflight_experiment_new_preset ("flaky-service");
  g_autoptr(InflightExperiment) four = inflight_experiment_new_preset ("burst");
  g_autoptr(InflightTraceSnapshot) small = make_trace (24);
  g_autoptr(InflightTraceSnapshot) large = make_trace (400);

  g_ptr_array_add (files, inflight_experiment_to_data (slow, TRUE, NULL));
  inflight_experiment_set_trace (flaky, 0, small);
  inflight_experiment_set_trace (flaky, 1, large);
  g_ptr_array_add (files, inflight_experiment_to_data (flaky, TRUE, NULL));
  inflight_experiment_add_pane (four, inflight_experiment_get_scenario (four, 0));
  inflight_experiment_add_pane (four, inflight_experiment_get_scenario (four, 1));
  inflight_experiment_set_trace (four, 2, small);
  g_ptr_array_add (files, inflight_experiment_to_data (four, TRUE, NULL));
  g_ptr_array_add (files, g_strdup ("# by hand\r\n"
                                    "[Experiment]\r\n"
                                    "  version = 1\r\n"
                                    "title=By hand\r\n"
                                    "\r\n"
                                    "[Pane 1]\r\n"
                                    "strategy=future\r\n"
                                    "requests=3\r\n"
                                    "continuation=true\r\n"
                                    "[Pane 1 Trace]\r\n"
                                    "duration=900\r\n"
                                    "lanes=caller Caller;service Service;\r\n"
                                    "events=span 0 0 waiting 0 900;message 1 request 0 1 0 100;mark 1 100 got it;step 0 5 2 1;\r\n"));

  return files;
}

static guint
random_line_start (GRand   *rand,
                   GString *text)
{
  guint at = g_rand_int_range (rand, 0, text->len + 1);

  while (at > 0 && text->str[at - 1] != '\n')
    at--;

  return at;
}

static guint
line_end (GString *text,
          guint    at)
{
  while (at < text->len && text->str[at] != '\n')
    at++;

  return at;
}

static const char * const huge_numbers[] = {
  "99999999999999999999999", "-1", "4294967296", "18446744073709551616", "0",
  "9223372036854775807", "86400000001", "255", "256", "1024", "+3", "1e9", "",
};

static const char * const groups[] = {
  "[Pane 0]", "[Pane 5]", "[Pane 9 Trace]", "[experiment]", "[Pane 1 Trace]", "[Pane  1]", "[]",
  "[Pane 1", "[Pane 2]", "[Pane 4 Trace]", "[Experiment]", "[Pane 99999999999999999]", "[Pane 3]",
};

static const char * const keys[] = {
  "version", "title", "same-service", "strategy", "requests", "latency-ms", "jitter-pct", "workers",
  "failure-pct", "seed", "timeout-ms", "down-at-ms", "down-for-ms", "chain-depth", "await-after-ms",
  "continuation", "hangs", "duration", "lanes", "events", "down", "colour", "title[de]", "=",
};

static const char * const values[] = {
  "", "1", "x", "true", "false", "99999999999999999999", "a;b;c", "\\", "\\x", "queue", "-5",
  "caller A;worker B;", "span 0 0 working 0 1;", "message 1 reply 0 0 5 -;", "mark 0 0 ;;", "step 0 0 0 0",
  "span 9 0 working 0 1;", "step 0 9 1 1;step 0 1 1 1;", "4\\n2", "\\r\\t8", "caller \\nA;",
};

/* Numbers on a trace's lines: made smaller or larger, to send times backwards or past the end. */
static void
shift_time (GRand   *rand,
            GString *text)
{
  const char *events = strstr (text->str, "events=");
  guint at, end;
  guint64 number;
  char digits[32];

  if (events == NULL)
    events = text->str;
  at = (events - text->str) + g_rand_int_range (rand, 0, text->len - (events - text->str) + 1);
  while (at < text->len && !g_ascii_isdigit (text->str[at]))
    at++;
  if (at >= text->len)
    return;
  for (end = at; end < text->len && g_ascii_isdigit (text->str[end]) && end - at < 18; end++)
    ;
  number = g_ascii_strtoull (text->str + at, NULL, 10);
  number = g_rand_boolean (rand) ? number / (1 + g_rand_int_range (rand, 1, 5)) : number * 3 + 1000;
  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, number);
  g_string_erase (text, at, end - at);
  g_string_insert (text, at, digits);
}

static void
mutate_once (GRand   *rand,
             GString *text)
{
  guint at, end;

  if (text->len == 0)
    {
      g_string_append (text, values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))]);
      return;
    }

  switch (g_rand_int_range (rand, 0, 10))
    {
    case 0: /* cut short */
      g_string_truncate (text, g_rand_int_range (rand, 0, text->len));
      break;

    case 1: /* bytes flipped */
      for (int n = g_rand_int_range (rand, 1, 5); n > 0; n--)
        text->str[g_rand_int_range (rand, 0, text->len)] = (char) g_rand_int_range (rand, 0, 256);
      break;

    case 2: /* a number made huge, negative or not a number */
      at = g_rand_int_range (rand, 0, text->len);
      while (at < text->len && !g_ascii_isdigit (text->str[at]))
        at++;
      for (end = at; end < text->len && g_ascii_isdigit (text->str[end]); end++)
        ;
      g_string_erase (text, at, end - at);
      g_string_insert (text, MIN (at, text->len), huge_numbers[g_rand_int_range (rand, 0, G_N_ELEMENTS (huge_numbers))]);
      break;

    case 3: /* a group renamed */
      at = random_line_start (rand, text);
      end = line_end (text, at);
      g_string_erase (text, at, end - at);
      g_string_insert (text, at, groups[g_rand_int_range (rand, 0, G_N_ELEMENTS (groups))]);
      break;

    case 4: /* a key added */
      {
        g_autofree char *line = g_strdup_printf ("%s=%s\n", keys[g_rand_int_range (rand, 0, G_N_ELEMENTS (keys))],
                                                 values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))]);

        g_string_insert (text, random_line_start (rand, text), line);
      }
      break;

    case 5: /* times backwards, or beyond the end */
      shift_time (rand, text);
      break;

    case 6: /* a group given twice */
      {
        const char *group = strchr (text->str + g_rand_int_range (rand, 0, text->len), '[');
        g_autofree char *copy = NULL;
        const char *next;

        if (group == NULL)
          group = text->str;
        next = strstr (group + 1, "\n[");
        copy = g_strndup (group, next != NULL ? (gsize) (next + 1 - group) : strlen (group));
        g_string_insert (text, random_line_start (rand, text), copy);
      }
      break;

    case 7: /* a line lost */
      at = random_line_start (rand, text);
      end = line_end (text, at);
      g_string_erase (text, at, MIN (end + 1, text->len) - at);
      break;

    case 8: /* a separator or an escape where none belongs */
      g_string_insert_c (text, g_rand_int_range (rand, 0, text->len + 1), "\\;= \n[]-"[g_rand_int_range (rand, 0, 9)]);
      break;

    default: /* two lines swapped */
      {
        guint a = random_line_start (rand, text);
        g_autofree char *line = g_strndup (text->str + a, MIN (line_end (text, a) + 1, text->len) - a);

        g_string_erase (text, a, strlen (line));
        g_string_insert (text, random_line_start (rand, text), line);
      }
      break;
    }
}

static char *
mutate (GRand      *rand,
        const char *good,
        gsize      *length)
{
  GString *text = g_string_new (good);

  for (int n = g_rand_int_range (rand, 1, 4); n > 0; n--)
    mutate_once (rand, text);

  *length = text->len;
  return g_string_free (text, FALSE);
}

/* A refusal is one line that starts with the file's name, then a colon. */
static void
assert_one_line (const GError *error,
                 const char   *name)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == INFLIGHT_EXPERIMENT_ERROR);
  if (!g_str_has_prefix (error->message, name) || error->message[strlen (name)] != ':' ||
      strchr (error->message, '\n') != NULL || strchr (error->message, '\r') != NULL)
    g_error ("not one line that starts with %s: %s", name, error->message);
  /* The loader's own reading of the lines finds whatever GKeyFile would refuse, and its line. */
  if (g_str_has_prefix (error->message + strlen (name), ": this is not an experiment file"))
    g_error ("GKeyFile refused what the loader let through: %s", error->message);
}

static void
test_mutations (void)
{
  g_autoptr(GPtrArray) files = good_files ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261205);
  guint refused = 0, read = 0;

  for (guint i = 0; i < N_MUTATIONS; i++)
    {
      const char *good = g_ptr_array_index (files, i % files->len);
      g_autoptr(GError) error = NULL;
      g_autoptr(InflightExperiment) experiment = NULL;
      g_autofree char *text = NULL;
      gsize length;

      text = mutate (rand, good, &length);
      experiment = inflight_experiment_load_data (text, length, NAME, &error);
      if (experiment == NULL)
        {
          assert_one_line (error, NAME);
          refused++;
        }
      else
        {
          /* What is read writes back as a file that reads again, and writes the same. */
          g_autofree char *saved = inflight_experiment_to_data (experiment, TRUE, NULL);
          g_autoptr(InflightExperiment) again = inflight_experiment_load_data (saved, strlen (saved), NAME, &error);
          g_autofree char *resaved = NULL;

          if (again == NULL)
            g_error ("read, but its copy is refused: %s\n%s", error->message, saved);
          resaved = inflight_experiment_to_data (again, TRUE, NULL);
          g_assert_cmpstr (saved, ==, resaved);
          read++;
        }
    }

  g_test_message ("%u mutations refused, %u read", refused, read);
  g_assert_cmpuint (refused, >, N_MUTATIONS / 2);
  g_assert_cmpuint (read, >, 0);
}

/* The same refusals through the program: exit status 2 and one line on stderr, naming the file. */
static void
test_command_line (void)
{
  const char *bin = g_getenv ("INFLIGHT_BIN");
  g_autoptr(GPtrArray) files = good_files ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (5122026);
  g_autofree char *dir = NULL;
  g_autofree char *png = NULL;
  g_autoptr(GError) error = NULL;

  if (bin == NULL)
    {
      g_test_skip ("INFLIGHT_BIN is not set");
      return;
    }

  dir = g_dir_make_tmp ("inflight-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  png = g_build_filename (dir, "x.png", NULL);

  for (guint i = 0; i < N_COMMAND_LINES; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/case-%u.inflight", dir, i);
      g_autofree char *text = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) refusal = NULL;
      g_autoptr(InflightExperiment) read = NULL;
      gsize length;
      int status;

      /* The next mutation that the loader refuses. */
      do
        {
          g_clear_pointer (&text, g_free);
          g_clear_error (&refusal);
          g_clear_object (&read);
          text = mutate (rand, g_ptr_array_index (files, i % files->len), &length);
          read = inflight_experiment_load_data (text, length, path, &refusal);
        }
      while (read != NULL);

      g_assert_true (g_file_set_contents (path, text, length, NULL));
      {
        const char *argv[] = { bin, "--render", path, "--output", png, NULL };

        g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
        g_assert_no_error (error);
      }

      if (!WIFEXITED (status) || WEXITSTATUS (status) != 2)
        g_error ("%s: exit status %d, not 2; stderr:\n%s", path, status, err);
      if (!g_str_has_prefix (err, "inflight: ") || strchr (err, '\n') != err + strlen (err) - 1)
        g_error ("%s: not one line on stderr:\n%s", path, err);
      g_assert_cmpstr (strstr (err, path), ==, err + strlen ("inflight: "));
      g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
      g_remove (path);
    }

  g_rmdir (dir);
}

/* A file with a recorded run is drawn from the record, not from a new run: one that would
 * take a few milliseconds, where the record took 46. */
static void
test_recorded_run_is_drawn (void)
{
  const char *bin = g_getenv ("INFLIGHT_BIN");
  g_autoptr(InflightExperiment) experiment = inflight_experiment_new ();
  g_autoptr(InflightTraceSnapshot) trace = make_trace (40);
  InflightScenario *scenario = inflight_experiment_get_scenario (experiment, 0);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *png = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (bin == NULL)
    {
      g_test_skip ("INFLIGHT_BIN is not set");
      return;
    }

  dir = g_dir_make_tmp ("inflight-fuzz-XXXXXX", &error);
  path = g_build_filename (dir, "recorded.inflight", NULL);
  png = g_build_filename (dir, "recorded.png", NULL);
  g_object_set (scenario, "requests", 2, "latency-ms", 1, NULL);
  inflight_experiment_set_trace (experiment, 0, trace);
  g_assert_true (inflight_experiment_save_file (experiment, path, TRUE, &error));

  {
    const char *argv[] = { bin, "--render", path, "--output", png, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
    g_assert_no_error (error);
  }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (out, "It took 46 ms in total"));

  g_remove (png);
  g_remove (path);
  g_rmdir (dir);
}

/* inflight FILE.inflight: the file is read before any window opens, and a bad one is refused. */
static void
test_file_argument (void)
{
  g_autoptr(InflightExperiment) preset = inflight_experiment_new_preset ("burst");
  g_autofree char *dir = g_dir_make_tmp ("inflight-fuzz-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "good.inflight", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.inflight", NULL);
  g_autofree char *expected = NULL;
  const char *one[] = { good, NULL };
  const char *two[] = { good, good, NULL };
  const char *broken[] = { bad, NULL };
  const char * const *cases[] = { one, two, broken };
  InflightCliOptions options;

  g_assert_true (inflight_experiment_save_file (preset, good, FALSE, NULL));
  g_assert_true (g_file_set_contents (bad, "[Experiment]\nversion=1\n[Pane 1]\nstrategy=queue\nworkers=0\n", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *line = NULL;
      gboolean ok;

      g_variant_dict_insert (dict, G_OPTION_REMAINING, "^as", cases[i]);
      ok = inflight_cli_parse (dict, &options, &error);
      g_assert_cmpint (ok, ==, i == 0);
      if (ok)
        {
          g_assert_null (options.render);
          inflight_cli_options_clear (&options);
          continue;
        }

      line = inflight_cli_describe_error (error);
      if (i == 1)
        g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
      else
        {
          expected = g_strdup_printf ("inflight: %s:5: workers: 0 is out of range (1 to 64)\n", bad);
          g_assert_cmpstr (line, ==, expected);
        }
    }

  g_remove (good);
  g_remove (bad);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/experiment-fuzz/mutations", test_mutations);
  g_test_add_func ("/experiment-fuzz/command-line", test_command_line);
  g_test_add_func ("/experiment-fuzz/recorded-run-is-drawn", test_recorded_run_is_drawn);
  g_test_add_func ("/experiment-fuzz/file-argument", test_file_argument);

  return g_test_run ();
}
