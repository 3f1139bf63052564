/** Where the staff area lives (an account's page: `${STAFF_PATH}/<id>`, linked from other front ends too). */
export const STAFF_PATH = '/admin/mitarbeitende';
