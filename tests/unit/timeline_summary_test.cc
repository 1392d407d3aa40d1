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
  EXPECT_EQ(SummarizeEntry(visit, EntryParts(visit)),
            "120 min ACCOMPANIED visit (KELA, EMPLOYMENT_SERVICES) (amended, revision 3): Kävimme "
            "yhdessä TE-toimistossa");
  visit.text_withheld = true;
  visit.excerpt = "";
  visit.revision = 1;
  visit.details.clear();
  EXPECT_EQ(SummarizeEntry(visit, EntryParts(visit)),
            "120 min ACCOMPANIED visit: withheld: no consent to information sharing");

  storage::TimelineEntryRecord note;
  note.kind = "NOTE";
  EXPECT_EQ(SummarizeEntry(note, EntryParts(note)), "Note") << "a note of ratings only";
  note.corrects_id = "x";
  note.excerpt = "Korjaus";
  EXPECT_EQ(SummarizeEntry(note, EntryParts(note)), "Correction: Korjaus");

  storage::TimelineEntryRecord ended;
  ended.kind = "ASSIGNMENT_ENDED";
  ended.label = "REMATCH";
  EXPECT_EQ(SummarizeEntry(ended, EntryParts(ended)), "Guidance ended: REMATCH");
  storage::TimelineEntryRecord closed;
  closed.kind = "GOAL_CLOSED";
  closed.label = "Saan asunnon";
  closed.details = {"NOT_ACHIEVED"};
  EXPECT_EQ(SummarizeEntry(closed, EntryParts(closed)), "Goal NOT_ACHIEVED: Saan asunnon");
}

TEST(EntryParts, GiveTheSummarysPartsAsFields) {
  storage::TimelineEntryRecord visit;
  visit.kind = "VISIT";
  visit.label = "ACCOMPANIED";
  visit.duration_minutes = 120;
  visit.details = {"KELA", "EMPLOYMENT_SERVICES"};
  visit.excerpt = "Kävimme\nyhdessä";
  v1::TimelineEntryParts parts = EntryParts(visit);
  EXPECT_EQ(parts.visit_mode(), v1::Visit::ACCOMPANIED);
  EXPECT_EQ(parts.duration_minutes(), 120);
  ASSERT_EQ(parts.places_size(), 2);
  EXPECT_EQ(parts.places(0), v1::KELA);
  EXPECT_EQ(parts.places(1), v1::EMPLOYMENT_SERVICES);
  EXPECT_EQ(parts.excerpt(), "Kävimme yhdessä");
  EXPECT_FALSE(parts.has_scheduled_time());
  visit.text_withheld = true;
  EXPECT_EQ(EntryParts(visit).excerpt(), "") << "withheld words stay withheld";

  storage::TimelineEntryRecord closed;
  closed.kind = "GOAL_CLOSED";
  closed.label = std::string(200, 'a');
  closed.details = {"NOT_ACHIEVED"};
  parts = EntryParts(closed);
  EXPECT_EQ(parts.goal_state(), v1::Goal::NOT_ACHIEVED);
  EXPECT_EQ(parts.goal_title(), Excerpt(closed.label));

  storage::TimelineEntryRecord scheduled;
  scheduled.kind = "MEETING_SCHEDULED";
  scheduled.label = "REVIEW";
  scheduled.scheduled_time = absl::FromUnixSeconds(1700000000);
  parts = EntryParts(scheduled);
  EXPECT_EQ(parts.meeting_kind(), v1::Meeting::REVIEW);
  EXPECT_EQ(parts.scheduled_time().seconds(), 1700000000);

  storage::TimelineEntryRecord ended;
  ended.kind = "ASSIGNMENT_ENDED";
  ended.label = "REMATCH";
  EXPECT_EQ(EntryParts(ended).end_reason(), v1::Assignment::REMATCH);

  storage::TimelineEntryRecord note;
  note.kind = "NOTE";
  note.corrects_id = "x";
  note.excerpt = "Korjaus";
  parts = EntryParts(note);
  EXPECT_TRUE(parts.correction());
  EXPECT_EQ(parts.excerpt(), "Korjaus");
  EXPECT_FALSE(parts.has_scheduled_time());
  EXPECT_EQ(parts.visit_mode(), v1::Visit::MODE_UNSPECIFIED) << "only the kind's parts";
}

}  // namespace
}  // namespace rinnalla::notes
