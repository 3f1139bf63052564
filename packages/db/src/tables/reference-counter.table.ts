export interface ReferenceCounterTable {
  organisation_id: string;
  service_id: string;
  year: number;
  last_value: number;
}
