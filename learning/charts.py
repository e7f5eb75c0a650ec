"""Bar charts drawn on the server as SVG (no JavaScript), laid out here and drawn by
templates/learning/charts/bar_chart.html. Every chart is shown next to a table of the
same figures, which is what screen readers read; colours repeat what the labels say."""

from dataclasses import dataclass

# GOV.UK Design System colours.
TONES = {
    "red": "#d4351c",
    "amber": "#f47738",
    "green": "#00703c",
    "blue": "#1d70b8",
    "not_started": "#505a5f",
    "in_progress": "#1d70b8",
    "on_hold": "#f47738",
    "complete": "#00703c",
    "": "#b1b4b6",
}
DEFAULT_TONE = "#1d70b8"

LABEL_WIDTH = 150
BAR_AREA = 260
VALUE_WIDTH = 40
ROW_HEIGHT = 28
BAR_HEIGHT = 18


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int
    fill: str

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT - 4

    @property
    def value_x(self):
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    bars: tuple

    @property
    def width(self):
        return LABEL_WIDTH + BAR_AREA + VALUE_WIDTH

    @property
    def height(self):
        return max(len(self.bars), 1) * ROW_HEIGHT

    @property
    def label_width(self):
        return LABEL_WIDTH

    @property
    def label_x(self):
        return LABEL_WIDTH - 8

    @property
    def total(self):
        return sum(bar.value for bar in self.bars)

    @property
    def summary(self):
        """The chart in one sentence, for its accessible description."""
        parts = ", ".join(f"{bar.label} {bar.value}" for bar in self.bars)
        return f"{self.title}: {parts}."


def bar_chart(key, title, data, scale=None):
    """data: [(label, value, tone)] where tone names a colour in TONES. The longest bar is
    the largest value, or `scale` when given (100 for percentages)."""
    biggest = scale or max((value for _, value, _ in data), default=0)
    bars = []
    for index, (label, value, tone) in enumerate(data):
        width = round(BAR_AREA * value / biggest) if biggest else 0
        if value and width < 2:
            width = 2  # a non-zero value is always visible
        bars.append(
            Bar(
                label=label,
                value=value,
                y=index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2,
                width=width,
                fill=TONES.get(tone, DEFAULT_TONE),
            )
        )
    return Chart(key=key, title=title, bars=tuple(bars))
