export interface CaseDeadlineTable {
  organisation_id: string;
  case_id: string;
  deadline_id: string;
  state: string;
  action: string;
  due_at: Date;
}
