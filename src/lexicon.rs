//! Word lists that ingest and extraction both read, below both of them: news agencies and
//! their names, and the calendar (months and weekdays in the wire's languages).

pub mod agencies;
pub mod calendar;
