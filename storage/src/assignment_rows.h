#ifndef RINNALLA_STORAGE_SRC_ASSIGNMENT_ROWS_H_
#define RINNALLA_STORAGE_SRC_ASSIGNMENT_ROWS_H_

// Reading stored assignments; shared by Matching and the care plan export.

#include <soci/soci.h>

#include <string>

#include "rinnalla/storage/matching_records.h"

namespace rinnalla::storage {

// The select list of an assignment over `assignments`, for ReadAssignment.
extern const std::string kAssignmentColumns;
AssignmentRecord ReadAssignment(const soci::row& row);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_ASSIGNMENT_ROWS_H_
