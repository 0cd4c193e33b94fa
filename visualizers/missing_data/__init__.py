"""Missing data: MCAR, MAR and MNAR, and what each imputation does to the data (question 5)."""
