// The default dataset (Epoch AI, "Data on AI Models", CC BY 4.0), embedded in the binary.
#ifndef TRENDFIT_CEMBEDDEDDATA_H
#define TRENDFIT_CEMBEDDEDDATA_H
/// First byte of the embedded `ml-systems.csv`.
const unsigned char *trendfit_ml_systems_csv_bytes(void);
/// Length in bytes of the embedded `ml-systems.csv`.
unsigned long trendfit_ml_systems_csv_size(void);
#endif
