"""Case papers: reading every string a file holds, finding confidential terms, public copies."""
