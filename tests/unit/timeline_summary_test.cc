// Timeline entries in one line.

#include "timeline_summary.h"

#include <gtest/gtest.h>

namespace rinnalla::notes {
namespace {

TEST(Excerpt, KeepsShortTextOnOneLine) {
  EXPECT_EQ(Excerpt("Hyvä viikko.\r\nPaljon\ttehty."), "Hyvä viikko.  Paljon tehty.");
  EXPECT_EQ(Excerpt(""), "");
}

TEST(Excerpt, CutsLongTextAtACharacterNotAByte) {
  EXPECT_EQ(Excerpt("äääää", 3), "äää…");
  EXPECT_EQ(Excerpt("äää", 3), "äää");
  EXPECT_EQ(Excerpt(std::string(200, 'a')).size(), kExcerptChars + std::string("…").size());
}

TEST(SummarizeEntry, SaysWhatHappened) {
  storage::TimelineEntryRecord visit;
  visit.kind = "VISIT";
  visit.label = "ACCOMPANIED";
  visit.duration_minutes = 120;
  visit.details = {"KELA", "EMPLOYMENT_SERVICES"};
  visit.revision = 3;
  visit.excerpt = "Kävimme yhdessä TE-toimistossa";
  EXPECT_EQ(SummarizeEntry(visit),
            "120 min ACCOMPANIED visit (KELA, EMPLOYMENT_SERVICES) (amended, revision 3): Kävimme "
            "yhdessä TE-toimistossa");
  visit.text_withheld = true;
  visit.excerpt = "";
  visit.revision = 1;
  visit.details.clear();
  EXPECT_EQ(SummarizeEntry(visit),
            "120 min ACCOMPANIED visit: withheld: no consent to information sharing");

  storage::TimelineEntryRecord note;
  note.kind = "NOTE";
  EXPECT_EQ(SummarizeEntry(note), "Note") << "a note of ratings only";
  note.corrects_id = "x";
  note.excerpt = "Korjaus";
  EXPECT_EQ(SummarizeEntry(note), "Correction: Korjaus");

  storage::TimelineEntryRecord ended;
  ended.kind = "ASSIGNMENT_ENDED";
  ended.label = "REMATCH";
  EXPECT_EQ(SummarizeEntry(ended), "Guidance ended: REMATCH");
  storage::TimelineEntryRecord closed;
  closed.kind = "GOAL_CLOSED";
  closed.label = "Saan asunnon";
  closed.details = {"NOT_ACHIEVED"};
  EXPECT_EQ(SummarizeEntry(closed), "Goal NOT_ACHIEVED: Saan asunnon");
}

}  // namespace
}  // namespace rinnalla::notes
