// explorer_link.h - the patient browser's filters in deep-link form and back
// (kept apart from explorer_state.h so the app header need not see view_state.h).
#pragma once
#include "core/view/patient_list.h"
#include "core/view/view_state.h"

namespace duck {

// Same fields; the link form uses -1 for open ends and omits the full age range.
LinkFilters to_link_filters(const PatientFilter& f);
PatientFilter from_link_filters(const LinkFilters& f);

}  // namespace duck
