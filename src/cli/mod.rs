//! The subcommands that are not a run over documents: what they print and
//! their exit codes. The logic they print is the library's
//! (`civex::gazetteer::check`, `civex::explain`, `civex::snapshot`,
//! `civex::incidents`).

pub mod destination;
pub mod explain;
pub mod gazetteers;
pub mod incidents;
pub mod test;
