/** Recurring work (housekeeping, the staff digest): the next moment each is due, claimed by one process at a time. */
export interface JobScheduleTable {
  name: string;
  next_run_at: Date;
}
