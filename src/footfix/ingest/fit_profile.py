"""The slice of the Garmin FIT profile footfix reads: message and field numbers, scales, names.

Numbers come from the public FIT profile (the same tables fitdecode and fitparse ship). Only what
the importer uses is listed; adding a field means adding its number here and to ``WANTED``.
"""

from __future__ import annotations

FIT_EPOCH_UNIX_S = 631065600  # 1989-12-31T00:00:00Z, the zero of FIT timestamps
RELATIVE_TIME_LIMIT = 0x10000000  # smaller timestamps count seconds since the device powered on

TIMESTAMP = 253  # the same field number in every message
FILE_ID, SPORT, SESSION, RECORD, ACTIVITY, FIELD_DESCRIPTION = 0, 12, 18, 20, 34, 206

# file_id
FILE_TYPE, MANUFACTURER, PRODUCT = 0, 1, 2
ACTIVITY_FILE_TYPE = 4
FILE_TYPES = {1: "device", 2: "settings", 3: "sport", 4: "activity", 5: "workout", 6: "course",
              7: "schedules", 9: "weight", 10: "totals", 11: "goals", 14: "blood_pressure",
              15: "monitoring_a", 20: "activity_summary", 28: "monitoring_daily",
              32: "monitoring_b", 34: "segment", 35: "segment_list"}  # fmt: skip
MANUFACTURERS = {1: "garmin", 13: "dynastream_oem", 15: "dynastream", 23: "suunto", 32: "wahoo",
                 89: "tacx", 95: "stryd", 123: "polar", 265: "strava", 294: "coros"}  # fmt: skip

# session (and sport)
S_START_TIME, S_SPORT, S_SUB_SPORT = 2, 5, 6
S_ELAPSED, S_TIMER, S_DISTANCE = 7, 8, 9  # ms, ms, cm
S_AVG_HR, S_ASCENT = 16, 22
SPORT_SPORT, SPORT_SUB_SPORT = 0, 1

# activity: the local-time anchor for device-relative clocks
A_LOCAL_TIMESTAMP = 5

# record
R_LAT, R_ALTITUDE, R_HR, R_CADENCE, R_DISTANCE, R_SPEED, R_POWER = 0, 2, 3, 4, 5, 6, 7
R_COMPRESSED_SPEED_DISTANCE = 8
R_VERTICAL_OSCILLATION, R_STANCE_TIME = 39, 41  # 0.1 mm, 0.1 ms
R_FRACTIONAL_CADENCE = 53  # 1/128 rpm
R_ENHANCED_SPEED, R_ENHANCED_ALTITUDE = 73, 78
R_VERTICAL_RATIO, R_STANCE_BALANCE, R_STEP_LENGTH = 83, 84, 85  # 0.01 %, 0.01 %, 0.1 mm

# field_description (developer fields)
D_DEV_INDEX, D_FIELD_NUM, D_BASE_TYPE, D_NAME = 0, 1, 2, 3

WANTED: dict[int, frozenset[int]] = {
    FILE_ID: frozenset({FILE_TYPE, MANUFACTURER, PRODUCT}),
    SPORT: frozenset({SPORT_SPORT, SPORT_SUB_SPORT}),
    SESSION: frozenset(
        {S_START_TIME, S_SPORT, S_SUB_SPORT, S_ELAPSED, S_TIMER, S_DISTANCE, S_AVG_HR, S_ASCENT}
    ),
    ACTIVITY: frozenset({A_LOCAL_TIMESTAMP}),
    RECORD: frozenset(
        {
            R_LAT,
            R_ALTITUDE,
            R_HR,
            R_CADENCE,
            R_DISTANCE,
            R_SPEED,
            R_POWER,
            R_COMPRESSED_SPEED_DISTANCE,
            R_VERTICAL_OSCILLATION,
            R_STANCE_TIME,
            R_FRACTIONAL_CADENCE,
            R_ENHANCED_SPEED,
            R_ENHANCED_ALTITUDE,
            R_VERTICAL_RATIO,
            R_STANCE_BALANCE,
            R_STEP_LENGTH,
        }
    ),
    FIELD_DESCRIPTION: frozenset({D_DEV_INDEX, D_FIELD_NUM, D_BASE_TYPE, D_NAME}),
}

# sports whose FIT cadence counts strides (one foot) per minute
FOOT_SPORTS = frozenset({"running", "walking", "hiking", "mountaineering"})

SPORTS = {0: "generic", 1: "running", 2: "cycling", 3: "transition", 4: "fitness_equipment",
          5: "swimming", 6: "basketball", 7: "soccer", 8: "tennis", 9: "american_football",
          10: "training", 11: "walking", 12: "cross_country_skiing", 13: "alpine_skiing",
          14: "snowboarding", 15: "rowing", 16: "mountaineering", 17: "hiking", 18: "multisport",
          19: "paddling", 21: "e_biking", 30: "inline_skating", 31: "rock_climbing",
          35: "snowshoeing", 37: "stand_up_paddleboarding", 41: "kayaking", 62: "hiit",
          65: "wheelchair_push_walk", 66: "wheelchair_push_run"}  # fmt: skip
SUB_SPORTS = {0: "generic", 1: "treadmill", 2: "street", 3: "trail", 4: "track", 5: "spin",
              6: "indoor_cycling", 7: "road", 8: "mountain", 14: "indoor_rowing",
              15: "elliptical", 17: "lap_swimming", 18: "open_water", 27: "indoor_walking",
              30: "casual_walking", 31: "speed_walking", 45: "indoor_running",
              46: "gravel_cycling", 49: "mixed_surface", 58: "virtual_activity",
              59: "obstacle", 67: "ultra"}  # fmt: skip


def sport_name(number: object) -> str:
    return SPORTS.get(number, f"sport_{number}") if isinstance(number, int) else "generic"


def sub_sport_name(number: object) -> str | None:
    if not isinstance(number, int) or number == 0:
        return None
    return SUB_SPORTS.get(number, f"sub_sport_{number}")
