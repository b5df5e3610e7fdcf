// The mirror's Listings window: the branch's listings (the station's
// --listings folder, through SwitchRequests::listings()), the one shown
// marked; the agent clicks another to switch the customer's tour.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>

#include "viewer/tour/switch_requests.h"

namespace oh::viewer {

// Draws the window (between the mirror UiOverlay's beginFrame() and
// record()); returns the listing clicked this frame, if any. `shown`: the
// title of the listing now shown, marked in the list.
std::optional<ListingChoice> drawMirrorListings(std::span<const ListingChoice> listings,
                                                        const std::string& shown);

}  // namespace oh::viewer
