from typing import Optional

import pandas as pd

def sobol(db: str, outcome: str, year: float, policy: Optional[str] = ..., versus: Optional[str] = ...,
          where: Optional[str] = ..., bootstrap: int = ..., seed: int = ..., second_order: bool = ...,
          stat: str = ...) -> pd.DataFrame: ...
def morris(db: str, outcome: str, year: float, policy: Optional[str] = ..., versus: Optional[str] = ...,
           where: Optional[str] = ..., bootstrap: int = ..., seed: int = ..., stat: str = ...) -> pd.DataFrame: ...
def prim(db: str, outcome: str, year: float, where: str, policy: Optional[str] = ..., versus: Optional[str] = ...,
         threshold: float = ..., peel_alpha: float = ..., paste_alpha: float = ..., mass_min: float = ...,
         stat: str = ...) -> pd.DataFrame: ...
