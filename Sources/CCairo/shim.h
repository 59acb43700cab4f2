// Cairo with its PDF and image surfaces, and Pango's Cairo rendering, for SettleDocuments.
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
