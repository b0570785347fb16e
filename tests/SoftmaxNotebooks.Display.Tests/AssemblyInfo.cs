// Formatter registrations, KitDisplay settings and chart numbering are process-wide, as in a notebook kernel.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
