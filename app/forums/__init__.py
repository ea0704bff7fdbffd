"""B2B forums: registration, meeting requests, scheduling with CP-SAT, agendas and outcomes."""
