/*
 * salesmetrics/plugin_abi.h: the C boundary between the server and a metric
 * plugin.
 *
 * A plugin is a shared library that exports exactly one symbol:
 *
 *   SM_PLUGIN_EXPORT const sm_plugin_info* salesmetrics_plugin(void);
 *
 * The server calls it, refuses the plugin unless its ABI major version equals
 * the server's and its minor version is not newer, then calls `init` with the
 * host's function table. `init` registers the plugin's metrics. When a
 * request computes a metric, the host calls the metric's `compute`, which
 * reads the request, runs SQL through the host and emits values.
 *
 * Only C types cross this boundary, so a plugin does not depend on the
 * compiler, standard library, protobuf, Abseil or SOCI build of the server.
 * Most plugins use the header-only C++ wrapper in salesmetrics/sdk.h instead
 * of this header directly. docs/plugins.md states the ABI rules.
 *
 * Conventions:
 *  - sm_host_api functions are calls into the host; sm_plugin_info.init and
 *    sm_metric_def.compute/destroy are calls into the plugin.
 *  - Strings passed to the host are copied before the call returns.
 *    Strings the host returns stay valid until the request (or, for query
 *    columns, the next query_next or query_close) ends.
 *  - Text is UTF-8 with an explicit length; it need not be NUL-terminated
 *    unless a parameter says "C string".
 *  - Nothing may throw across this boundary; errors are return codes, and
 *    a compute that fails calls host->fail first.
 *  - Structs passed to the host start with `struct_size`, so the host knows
 *    which fields a plugin built against an older minor version filled in.
 *    The host table only ever grows at its end within a major version.
 */
#ifndef SALESMETRICS_PLUGIN_ABI_H_
#define SALESMETRICS_PLUGIN_ABI_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SM_ABI_VERSION_MAJOR 1
#define SM_ABI_VERSION_MINOR 0

#define SM_PLUGIN_ENTRY_POINT "salesmetrics_plugin"

#if defined(__GNUC__)
#define SM_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define SM_PLUGIN_EXPORT
#endif

/* Opaque handles owned by the host. */
typedef struct sm_registrar sm_registrar; /* valid during init only */
typedef struct sm_request sm_request;     /* valid during one compute call */
typedef struct sm_query sm_query;         /* valid until query_close */

/* Units of values; the numbers match salesmetrics.v1.Unit. */
enum {
  SM_UNIT_ABSENT = 0, /* in sm_value: no value; text holds the reason */
  SM_UNIT_COUNT = 1,
  SM_UNIT_RATIO = 2,
  SM_UNIT_MONEY = 3, /* integer minor units */
  SM_UNIT_DAYS = 4,
  SM_UNIT_TEXT = 5,
  SM_UNIT_BOOL = 6,
  SM_UNIT_DATE = 7, /* text, YYYY-MM-DD */
  SM_UNIT_NUMBER = 8
};

/* Kinds of metric; the numbers match salesmetrics.v1.MetricKind. */
enum { SM_KIND_METRIC = 1, SM_KIND_VIEW = 2 };

/* Parameter types; the numbers match salesmetrics.v1.ParameterSpec.Type. */
enum { SM_PARAM_INTEGER = 1, SM_PARAM_DECIMAL = 2, SM_PARAM_CHOICE = 3 };

/* Types of SQL parameters a plugin binds (sm_sql_param.type). */
enum {
  SM_SQL_INT64 = 1,     /* integer */
  SM_SQL_DOUBLE = 2,    /* real */
  SM_SQL_TEXT = 3,      /* text, text_len */
  SM_SQL_DATE = 4,      /* text, YYYY-MM-DD */
  SM_SQL_TIMESTAMP = 5  /* integer: microseconds since the Unix epoch, UTC */
};

/* Status codes for host->fail; the numbers match google.rpc.Code. */
enum {
  SM_CODE_INVALID_ARGUMENT = 3,
  SM_CODE_RESOURCE_EXHAUSTED = 8,
  SM_CODE_FAILED_PRECONDITION = 9,
  SM_CODE_INTERNAL = 13,
  SM_CODE_UNAVAILABLE = 14
};

/* A value emitted into a result, or a cell of a row. */
typedef struct sm_value {
  int32_t unit;       /* SM_UNIT_*; SM_UNIT_ABSENT when there is no value */
  int32_t reserved;
  int64_t integer;    /* COUNT, MONEY, BOOL (0 or 1) */
  double real;        /* RATIO, DAYS, NUMBER */
  const char* text;   /* TEXT, DATE; for ABSENT, the reason (may be empty) */
  size_t text_len;
  /* For values obtained by division: the operands' units (COUNT or MONEY)
   * and values; numerator_unit is SM_UNIT_ABSENT when there are none. */
  int32_t numerator_unit;
  int32_t denominator_unit;
  int64_t numerator;
  int64_t denominator;
} sm_value;

/* Where an emitted value belongs: a bucket of the request (0 is the whole
 * period, 1..n the series buckets) and, in a grouped pass, a group key. */
typedef struct sm_cell {
  int64_t bucket;
  const char* group; /* NULL: the group of rows whose key is null */
  size_t group_len;
} sm_cell;

/* A named SQL parameter (":name" in the query text). */
typedef struct sm_sql_param {
  const char* name; /* C string, without the colon */
  int32_t type;     /* SM_SQL_* */
  int32_t reserved;
  int64_t integer;
  double real;
  const char* text;
  size_t text_len;
} sm_sql_param;

typedef struct sm_param_def {
  const char* name;          /* C string */
  const char* description;   /* C string */
  int32_t type;              /* SM_PARAM_* */
  int32_t minimum_exclusive; /* bool */
  const char* default_value; /* C string in the parameter's type; NULL or "":
                              * optional, unset unless the request sets it */
  const char* minimum;       /* C string or NULL: no lower bound */
  const char* maximum;       /* C string or NULL: no upper bound */
  int32_t maximum_exclusive; /* bool */
  int32_t reserved;
  const char* const* choices; /* SM_PARAM_CHOICE: the allowed values */
  size_t choice_count;
} sm_param_def;

/* A measure a metric emits, or a column of its rows. */
typedef struct sm_output_def {
  const char* name;        /* C string */
  int32_t unit;            /* SM_UNIT_* */
  int32_t reserved;
  const char* description; /* C string */
} sm_output_def;

typedef struct sm_metric_def {
  uint32_t struct_size; /* sizeof(sm_metric_def) */
  int32_t unit;         /* SM_UNIT_* of the headline */
  const char* id;       /* C string: [a-z][a-z0-9_]* */
  const char* display_name;
  const char* description;
  int32_t kind; /* SM_KIND_* */
  int32_t supports_series;
  /* Non-zero when the metric does not use the period (a snapshot at
   * as_of); requests may then omit it. */
  int32_t period_ignored;
  int32_t reserved;
  const char* const* filter_dimensions;
  size_t filter_dimension_count;
  const char* const* group_by_dimensions;
  size_t group_by_dimension_count;
  const sm_param_def* parameters;
  size_t parameter_count;
  const sm_output_def* measures; /* the first is the headline */
  size_t measure_count;
  const sm_output_def* columns; /* for metrics that answer with rows */
  size_t column_count;
  /* The plugin's state for this metric, handed back to compute/destroy. */
  void* state;
  /* Computes one pass of a request: every bucket, grouped when
   * host->grouped says so. Returns 0, or non-zero after host->fail.
   * Called concurrently from several threads. */
  int32_t (*compute)(void* state, sm_request* request);
  /* Releases state when the metric is unloaded; may be NULL. */
  void (*destroy)(void* state);
} sm_metric_def;

typedef struct sm_host_api {
  uint32_t struct_size;
  uint32_t abi_major;
  uint32_t abi_minor;
  uint32_t reserved;

  /* --- Registration (during init) --- */
  /* Registers a metric; copies everything it needs. Returns 0, or non-zero
   * (and the plugin is refused) when the definition is invalid or the id is
   * taken. */
  int32_t (*register_metric)(sm_registrar* registrar, const sm_metric_def* def);
  /* Refuses the plugin with a reason; init then returns non-zero. */
  void (*refuse)(sm_registrar* registrar, const char* reason);

  /* --- The request --- */
  /* Number of buckets: 1 (the whole period) plus the series buckets. */
  int64_t (*bucket_count)(const sm_request* request);
  /* Non-zero when this pass groups by a dimension. */
  int32_t (*grouped)(const sm_request* request);
  /* The value of a declared parameter (the request's, else its default),
   * as validated text; empty for an optional parameter the request did not
   * set; NULL for an undeclared name. */
  const char* (*parameter)(const sm_request* request, const char* name, size_t* len);
  /* as_of, in microseconds since the Unix epoch. */
  int64_t (*as_of_micros)(const sm_request* request);

  /* --- SQL --- */
  /* Expands the query's macros, binds its parameters (the host's :as_of,
   * the metric's declared parameters, and `params`) and executes it in the
   * request's read-only transaction. column_types has one letter per result
   * column: 'i' int64, 'd' double, 't' text. Returns NULL after failing the
   * request. */
  sm_query* (*query_run)(sm_request* request, const char* sql, size_t sql_len,
                         const sm_sql_param* params, size_t param_count,
                         const char* column_types);
  /* Moves to the next row: 1 a row, 0 no more rows, -1 the request failed. */
  int32_t (*query_next)(sm_query* query);
  int32_t (*query_is_null)(sm_query* query, size_t column);
  int64_t (*query_int64)(sm_query* query, size_t column);
  double (*query_double)(sm_query* query, size_t column);
  const char* (*query_text)(sm_query* query, size_t column, size_t* len);
  void (*query_close)(sm_query* query);

  /* --- Results --- */
  /* Sets a measure of a cell. Returns 0, non-zero for an undeclared name. */
  int32_t (*emit_measure)(sm_request* request, const sm_cell* cell,
                          const char* measure, const sm_value* value);
  /* Appends a row (one value per declared column) to a cell's table. */
  int32_t (*emit_row)(sm_request* request, const sm_cell* cell,
                      const sm_value* values, size_t value_count);
  /* States the definition variant and formula that produced the result. */
  void (*set_definition)(sm_request* request, const char* variant, const char* formula);
  /* Fails the request with a code (SM_CODE_*) and message. */
  void (*fail)(sm_request* request, int32_t code, const char* message);

  /* --- Logging --- */
  /* level: 0 info, 1 warning, 2 error. */
  void (*log)(int32_t level, const char* message);
} sm_host_api;

typedef struct sm_plugin_info {
  uint32_t abi_major; /* SM_ABI_VERSION_MAJOR the plugin was built with */
  uint32_t abi_minor; /* SM_ABI_VERSION_MINOR the plugin was built with */
  const char* name;   /* C string, for log lines */
  /* Registers the plugin's metrics. The host table stays valid until the
   * plugin is unloaded. Returns 0, or non-zero after host->refuse. */
  int32_t (*init)(const sm_host_api* host, sm_registrar* registrar);
} sm_plugin_info;

typedef const sm_plugin_info* (*sm_plugin_entry_fn)(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SALESMETRICS_PLUGIN_ABI_H_ */
