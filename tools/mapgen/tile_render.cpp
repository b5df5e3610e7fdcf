#include "tools/mapgen/tile_render.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include <cairo.h>

namespace oh::mapgen {

namespace {

struct Colour {
    double r, g, b, a = 1;
};

// [SECTION] Style
constexpr Colour kLand{0.957, 0.949, 0.933};
constexpr Colour kWater{0.749, 0.851, 0.925};
constexpr Colour kGreen{0.835, 0.906, 0.792};
constexpr Colour kBuilding{0.875, 0.859, 0.835};
constexpr Colour kBuildingEdge{0.800, 0.780, 0.750};
constexpr Colour kCasing{0.800, 0.776, 0.741};
constexpr Colour kStreet{1.0, 1.0, 1.0};
constexpr Colour kMajor{1.0, 0.965, 0.878};
constexpr Colour kPath{0.780, 0.753, 0.710};
constexpr Colour kRail{0.655, 0.639, 0.620};
constexpr Colour kBorder{0.45, 0.44, 0.47, 0.45};

constexpr int kBuildingsFrom = 14;       // zoom: below it buildings are a grey smear
constexpr int kBuildingEdgesFrom = 16;

struct LineStyle {
    int fromZoom;     // first zoom it is drawn at
    double metres;    // width on the ground
    double minPixels; // never thinner than this
    Colour fill;
    bool cased;       // a darker edge each side, so white streets show on light land
};

LineStyle lineStyle(LineKind kind) {
    switch (kind) {
        case LineKind::DistrictBorder: return {0, 0, 1.0, kBorder, false};
        case LineKind::Major: return {11, 18, 0.8, kMajor, true};
        case LineKind::Secondary: return {12, 14, 0.7, kStreet, true};
        case LineKind::Street: return {13, 9, 0.6, kStreet, true};
        case LineKind::Service: return {15, 5, 0.8, kStreet, true};
        case LineKind::Path: return {15, 1.5, 0.7, kPath, false};
        case LineKind::Rail: return {12, 2, 0.9, kRail, false};
    }
    return {99, 0, 0, kLand, false};
}

// [SECTION] Drawing

struct SurfaceDestroy { void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); } };
struct ContextDestroy { void operator()(cairo_t* c) const { cairo_destroy(c); } };

class Painter {
public:
    Painter(cairo_t* cairo, map::TileId tile) : m_cairo(cairo), m_rect(map::tileRect(tile)) {
        m_scale = map::worldPixels(tile.z);
        // Features are placed relative to the tile's corner in doubles here:
        // cairo's fixed-point paths would lose whole-world coordinates at z16.
        double margin = 24 / m_scale;
        m_reach = {m_rect.minX - margin, m_rect.minY - margin, m_rect.maxX + margin, m_rect.maxY + margin};
        double lat = map::toLatLon({0, (m_rect.minY + m_rect.maxY) / 2}).lat;
        m_pixelsPerMetre = 1 / map::metresPerPixel(lat, tile.z);
    }

    bool touches(const WorldRect& bounds) const { return m_reach.intersects(bounds); }
    double pixelsPerMetre() const { return m_pixelsPerMetre; }

    void colour(const Colour& c) { cairo_set_source_rgba(m_cairo, c.r, c.g, c.b, c.a); }

    void polygonPath(const Polygon& polygon) {
        for (const map::Ring& ring : polygon.rings) {
            for (size_t i = 0; i < ring.size(); ++i) {
                auto [x, y] = pixel(ring[i]);
                if (i == 0) cairo_move_to(m_cairo, x, y); else cairo_line_to(m_cairo, x, y);
            }
            cairo_close_path(m_cairo);
        }
    }

    void linePath(const std::vector<WorldPoint>& points) {
        for (size_t i = 0; i < points.size(); ++i) {
            auto [x, y] = pixel(points[i]);
            if (i == 0) cairo_move_to(m_cairo, x, y); else cairo_line_to(m_cairo, x, y);
        }
    }

private:
    std::pair<double, double> pixel(WorldPoint p) const {
        return {(p.x - m_rect.minX) * m_scale, (p.y - m_rect.minY) * m_scale};
    }

    cairo_t* m_cairo;
    WorldRect m_rect, m_reach;
    double m_scale = 0;
    double m_pixelsPerMetre = 0;
};

cairo_status_t appendBytes(void* closure, const unsigned char* data, unsigned int length) {
    auto* bytes = static_cast<std::vector<uint8_t>*>(closure);
    bytes->insert(bytes->end(), data, data + length);
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<RenderedTile> renderTile(const MapFeatures& features, map::TileId tile) {
    std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, map::kTileSize, map::kTileSize));
    std::unique_ptr<cairo_t, ContextDestroy> context(cairo_create(surface.get()));
    cairo_t* cr = context.get();
    Painter painter(cr, tile);

    painter.colour(kLand);
    cairo_paint(cr);

    // Areas: sea and lakes, parks, then buildings over them. Even-odd, so
    // holes (a courtyard, an island) stay open.
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (AreaKind kind : {AreaKind::Sea, AreaKind::Water, AreaKind::Green, AreaKind::Building}) {
        if (kind == AreaKind::Building && tile.z < kBuildingsFrom) continue;
        for (const Area& area : features.areas) {
            if (area.kind != kind || !painter.touches(area.bounds)) continue;
            painter.polygonPath(area.polygon);
        }
        painter.colour(kind == AreaKind::Building ? kBuilding : kind == AreaKind::Green ? kGreen : kWater);
        if (kind == AreaKind::Building && tile.z >= kBuildingEdgesFrom) {
            cairo_fill_preserve(cr);
            painter.colour(kBuildingEdge);
            cairo_set_line_width(cr, 0.8);
            cairo_stroke(cr);
        } else {
            cairo_fill(cr);
        }
    }

    // Lines: all casings first, then the fills from the least to the most
    // important, so a main street runs over the side streets joining it.
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    auto width = [&](const LineStyle& style) {
        return std::max(style.minPixels, style.metres * painter.pixelsPerMetre());
    };
    constexpr LineKind kOrder[] = {LineKind::Path,      LineKind::Rail,  LineKind::Service, LineKind::Street,
                                   LineKind::Secondary, LineKind::Major, LineKind::DistrictBorder};
    for (bool casing : {true, false}) {
        for (LineKind kind : kOrder) {
            LineStyle style = lineStyle(kind);
            if (tile.z < style.fromZoom || (casing && !style.cased)) continue;
            bool any = false;
            for (const Line& line : features.lines) {
                if (line.kind != kind || !painter.touches(line.bounds)) continue;
                painter.linePath(line.points);
                any = true;
            }
            if (!any) continue;
            painter.colour(casing ? kCasing : style.fill);
            cairo_set_line_width(cr, width(style) + (casing ? 1.5 : 0));
            cairo_stroke(cr);
        }
    }

    cairo_surface_flush(surface.get());
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return makeError(std::string("cairo: ") + cairo_status_to_string(cairo_status(cr)), kExitIo);

    RenderedTile rendered;
    const uint8_t* data = cairo_image_surface_get_data(surface.get());
    int stride = cairo_image_surface_get_stride(surface.get());
    auto pixel = [&](int x, int y) { return *reinterpret_cast<const uint32_t*>(data + y * stride + x * 4) & 0xFFFFFF; };
    rendered.uniform = true;
    for (int y = 0; y < map::kTileSize && rendered.uniform; ++y)
        for (int x = 0; x < map::kTileSize; ++x)
            if (pixel(x, y) != pixel(0, 0)) {
                rendered.uniform = false;
                break;
            }
    if (cairo_surface_write_to_png_stream(surface.get(), appendBytes, &rendered.png) != CAIRO_STATUS_SUCCESS)
        return makeError("cairo: cannot encode a PNG tile", kExitIo);
    return rendered;
}

}  // namespace oh::mapgen
