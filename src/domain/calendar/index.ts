/** Working calendars and the business-hours clock that complaint service standards run on. */
export {
  CHINESE_DAYS_YEARS,
  STANDARD_HOURS,
  holidayCoverage,
  instantAt,
  localDay,
  mainlandChinaCalendar,
  weekdayCalendar,
  type Interval,
  type IsoWeekday,
  type MainlandChinaOptions,
  type MakeUpDay,
  type WeekHours,
  type WorkingCalendar,
  type YearOverride,
} from "./working-calendar.ts";
export {
  addBusinessMinutes,
  addBusinessMs,
  businessMinutesBetween,
  businessMsBetween,
  type Pause,
} from "./business-clock.ts";
export { slaState, type SlaClock, type SlaState, type SlaStatus } from "./sla.ts";
