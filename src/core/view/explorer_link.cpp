// explorer_link.cpp - PatientFilter <-> LinkFilters.
#include "core/view/explorer_link.h"

#include <cmath>

namespace duck {

LinkFilters to_link_filters(const PatientFilter& f) {
    LinkFilters l;
    l.search = f.search;
    l.sex = static_cast<LinkFilters::SexIs>(f.sex);
    if (f.age_active()) {
        l.age_min = f.age_min > kAgeFilterMin ? static_cast<int>(std::lround(f.age_min)) : -1;
        l.age_max = f.age_max < kAgeFilterMax ? static_cast<int>(std::lround(f.age_max)) : -1;
    }
    l.sites = f.site_mask;
    l.melanoma = static_cast<LinkFilters::Melanoma>(f.label);
    l.lesions_min = f.lesions_min > 0 ? f.lesions_min : -1;
    l.lesions_max = f.lesions_max != INT_MAX ? f.lesions_max : -1;
    l.diagnosis = f.diagnosis;
    return l;
}

PatientFilter from_link_filters(const LinkFilters& l) {
    PatientFilter f;
    f.search = l.search;
    f.sex = static_cast<SexFilter>(l.sex);
    if (l.age_min >= 0) f.age_min = static_cast<float>(l.age_min);
    if (l.age_max >= 0) f.age_max = static_cast<float>(l.age_max);
    f.site_mask = l.sites;
    f.label = static_cast<LabelFilter>(l.melanoma);
    if (l.lesions_min >= 0) f.lesions_min = l.lesions_min;
    if (l.lesions_max >= 0) f.lesions_max = l.lesions_max;
    f.diagnosis = l.diagnosis;
    return f;
}

}  // namespace duck
