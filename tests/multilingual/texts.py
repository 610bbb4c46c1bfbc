"""Short versions of one invented story, in English and Spanish (written for
these tests)."""

ENGLISH = (
    "Rescuers pulled a girl from the rubble on Tuesday in the port city of Vella.\n\n"
    "The girl was taken to hospital, the health minister said.\n\n"
    "The eight floors of the building collapsed in the earthquake.\n\n"
    "The death toll rose to 102.\n\n"
    "The mayor thanked the volunteers who searched through the night."
)
ENGLISH_SHORT = (
    "Rescuers pulled a girl from the rubble on Tuesday in the port city of Vella.\n\n"
    "The girl was taken to hospital, the health minister said.\n\n"
    "The death toll rose to 102."
)
SPANISH = (
    "Los rescatistas sacaron a una niña de los escombros el martes en la ciudad de Vella.\n\n"
    "La niña fue llevada al hospital, dijo el ministro.\n\n"
    "La cifra de muertos del terremoto subió a 104.\n\n"
    "El edificio de ocho pisos se derrumbó por completo durante la larga noche del sismo, "
    "que los vecinos de la ciudad recordarán durante muchos años y muchas generaciones."
)
