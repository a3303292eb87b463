#include "CEmbeddedData.h"

#pragma clang diagnostic ignored "-Wc23-extensions"
static const unsigned char ml_systems_csv[] = {
#embed "../../Resources/Data/ml-systems.csv"
};

const unsigned char *trendfit_ml_systems_csv_bytes(void) { return ml_systems_csv; }
unsigned long trendfit_ml_systems_csv_size(void) { return sizeof(ml_systems_csv); }
