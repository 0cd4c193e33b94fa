"""k-means clustering visualizer (question 23; user segmentation in question 2)."""
